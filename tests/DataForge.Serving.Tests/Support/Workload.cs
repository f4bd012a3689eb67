using DataForge.Core.Records;
using DataForge.Core.Seams;
using Xunit;

namespace DataForge.Serving.Tests.Support;

/// <summary>A fixed mix of chat, raw-prompt and scoring requests, and how to compare two runs of it.</summary>
public static class Workload
{
    public static IReadOnlyList<GenerationRequest> Generations { get; } =
    [
        new([new ChatMessage("system", "You are terse."), new ChatMessage("user", "Name three colours.")], null, 40, 0.7, 0.9, 5, ["\n\n"], 42),
        new([new ChatMessage("user", "Count to five.")], null, 40, 0, 1, 0, [], ulong.MaxValue - 7),
        new(null, "Once upon a time", 3, 0, 1, 0, [], 7),
        new(null, "def add(a, b):", 40, 0.5, 0.95, 40, ["\ndef", "\nclass"], 1234567890123),
    ];

    public static IReadOnlyList<ScoreRequest> Scores { get; } =
    [
        new("The quick brown ", "fox jumps over the lazy dog"),
        new("", "alpha beta gamma"),
        new("Question: what is two plus two?\nAnswer:", " four"),
    ];

    public static async Task<(IReadOnlyList<GenerationResult> Generated, IReadOnlyList<ScoreResult> Scored)> RunAsync(ILanguageModel model)
    {
        var generated = model.GenerateAsync(Generations, CancellationToken.None);
        var scored = model.ScoreAsync(Scores, CancellationToken.None);
        return (await generated, await scored);
    }

    public static void AssertSame(IReadOnlyList<ScoreResult> expected, IReadOnlyList<ScoreResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].UnscoredPrefix, actual[i].UnscoredPrefix);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
        }
    }
}
