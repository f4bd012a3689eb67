using DataForge.Core.Seams;
using DataForge.Testing;

namespace DataForge.Serving.Tests.Support;

/// <summary>Fakes whose answers depend only on the request, so direct and served calls can be compared.</summary>
public static class TestModels
{
    /// <summary>A fake that echoes every sampling parameter and scores each word by its length alone.</summary>
    public static FakeLanguageModel Fake() => new(Respond, Score);

    public static string Respond(GenerationRequest r)
        => $"reply to {r.Prompt ?? r.Messages![^1].Content} seed {r.Seed} k {r.TopK} t {r.Temperature} p {r.TopP} stop {string.Join("|", r.Stop)}";

    // Independent of the context: the server scores the whole prompt from an empty context.
    public static IReadOnlyList<double> Score(ScoreRequest r)
        => [.. FakeLanguageModel.Words(r.Continuation).Select(w => -Math.Log(1.0 + (w.Length * 0.37)))];
}
