using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Generation.Evol;
using DataForge.Generation.Prompts;
using DataForge.Testing;

namespace DataForge.Generation.Tests.Evol;

/// <summary>Scripted models and seeds shared by the Evol-Instruct tests.</summary>
internal static class EvolFakes
{
    public const string LongAnswer = "Paris is the capital of France and its largest city, known for art, food and history.";

    public static IReadOnlyList<Sample> Seeds(params string[] instructions)
        => [.. instructions.Select(i => new Sample { Id = SampleId.Hash(System.Text.Encoding.UTF8.GetBytes(i)), Instruction = i, Output = "seed answer", Origin = "seeds" })];

    /// <summary>An evolver that appends " Explain each step." to the prompt it was given.</summary>
    public static FakeLanguageModel Evolver(string identity = "evolver@1")
        => new(r => Given(r) + " Explain each step.", identity: identity);

    public static FakeLanguageModel Answerer(string identity = "answerer@1") => new(_ => LongAnswer, identity: identity);

    public static FakeLanguageModel Judge(string verdict = "Not Equal", string identity = "judge@1") => new(_ => verdict, identity: identity);

    public static EvolInstructExpander Step(EvolInstructOptions options, ILanguageModel? evolver = null, ILanguageModel? answerer = null, ILanguageModel? judge = null, PromptLibrary? templates = null)
        => new(options, new EvolModels(evolver ?? Evolver(), answerer ?? Answerer(), judge ?? Judge()), templates ?? PromptLibrary.BuiltIn);

    /// <summary>The user message of a request.</summary>
    public static string User(GenerationRequest request) => request.Messages!.Single(m => m.Role == "user").Content;

    /// <summary>The instruction inside an evolution prompt (built-in templates).</summary>
    public static string Given(GenerationRequest request)
    {
        var text = User(request);
        foreach (var marker in new[] { "#The Given Prompt#:\n", "#Given Prompt#:\n" })
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = at + marker.Length;
                return text[start..text.IndexOf("\n#", start, StringComparison.Ordinal)];
            }
        }

        return text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].TrimEnd('\n');
    }
}
