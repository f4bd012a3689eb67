using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Serving;

/// <summary>The embedded model, a handful of chat, raw-prompt and scoring requests for it, and how to compare two runs of them.</summary>
internal static class ServedWorkload
{
    /// <summary>The committed embedded model, found from the repository root; a clear failure when it is missing.</summary>
    public static string ModelFolder()
    {
        var folder = RepoPaths.Combine("models", "tiny");
        return File.Exists(Path.Combine(folder, "config.json"))
            ? folder
            : throw new DirectoryNotFoundException($"The embedded model is missing: no config.json in {folder}. Train it with `dataforge model train-tiny`.");
    }

    /// <summary>Sampled (temperature above 0) and greedy generations, at most 16 new tokens each.</summary>
    public static IReadOnlyList<GenerationRequest> Generations { get; } =
    [
        new([new ChatMessage("system", "You are a helpful assistant."), new ChatMessage("user", "Write a function that reverses a string.")], null, 16, 0.8, 0.95, 40, [], 42),
        new([new ChatMessage("user", "Name three colours.")], null, 16, 1.0, 1.0, 0, [], ulong.MaxValue - 7),
        new(null, "def add(a, b):", 16, 0.7, 0.9, 20, ["\n\n"], 1234567890123),
        new(null, "Once upon a time", 8, 0, 1.0, 0, [], 7),
    ];

    /// <summary>Contexts ending on a word boundary, so context and continuation tokenize as their concatenation does (as the server scores them).</summary>
    public static IReadOnlyList<ScoreRequest> Scores { get; } =
    [
        new("Write a function that", " reverses a string."),
        new("Question: what is two plus two?\nAnswer:", " four"),
        new("The quick brown fox", " jumps over the lazy dog"),
    ];

    /// <summary>Every request in one batch per operation, as a pipeline sends them.</summary>
    public static async Task<ServedRun> RunAsync(ILanguageModel model)
    {
        var generated = model.GenerateAsync(Generations, CancellationToken.None);
        var scored = model.ScoreAsync(Scores, CancellationToken.None);
        return new ServedRun(await generated, await scored);
    }

    /// <summary>One request per call, as the server calls its model.</summary>
    public static async Task<ServedRun> RunOneByOneAsync(ILanguageModel model)
    {
        var generated = new List<GenerationResult>();
        foreach (var request in Generations)
        {
            generated.AddRange(await model.GenerateAsync([request], CancellationToken.None));
        }

        var scored = new List<ScoreResult>();
        foreach (var request in Scores)
        {
            scored.AddRange(await model.ScoreAsync([request], CancellationToken.None));
        }

        return new ServedRun(generated, scored);
    }

    /// <summary>Same token texts, offsets and unscored prefixes; log-probabilities within <paramref name="tolerance"/>.</summary>
    public static void AssertSameScores(IReadOnlyList<ScoreResult> expected, IReadOnlyList<ScoreResult> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].UnscoredPrefix, actual[i].UnscoredPrefix);
            Assert.Equal(expected[i].Tokens.Select(t => (t.Text, t.Offset)), actual[i].Tokens.Select(t => (t.Text, t.Offset)));
            for (var j = 0; j < expected[i].Tokens.Count; j++)
            {
                var (want, got) = (expected[i].Tokens[j].LogProb, actual[i].Tokens[j].LogProb);
                Assert.True(Math.Abs(want - got) <= tolerance, $"score {i}, token {j} '{expected[i].Tokens[j].Text}': log-prob {got} differs from {want}");
            }
        }
    }
}

/// <summary>The results of one run of <see cref="ServedWorkload"/>.</summary>
internal sealed record ServedRun(IReadOnlyList<GenerationResult> Generated, IReadOnlyList<ScoreResult> Scored);
