using DataForge.Core.Seams;
using DataForge.Models.LlamaCpp;
using DataForge.Models.Torch;

namespace DataForge.LlamaCpp.Tests;

/// <summary>The same requests through the torch backend and the llamacpp backend, side by side.</summary>
internal static class Parity
{
    public const string Context = "the quick brown ";
    public const string Text = "fox jumps over the lazy dog, then sleeps: 42 times!\n\tDone.";

    /// <summary>The largest difference between the two backends' per-token log-probabilities of <see cref="Text"/> after <see cref="Context"/> and alone.</summary>
    public static async Task<double> MaxLogProbDifferenceAsync(TorchLanguageModel torch, LlamaCppLanguageModel llama)
    {
        ScoreRequest[] requests = [new(Context, Text), new("", Text)];
        var expected = await torch.ScoreAsync(requests, CancellationToken.None);
        var actual = await llama.ScoreAsync(requests, CancellationToken.None);
        var worst = 0.0;
        for (var i = 0; i < requests.Length; i++)
        {
            if (expected[i].Tokens.Count != actual[i].Tokens.Count || expected[i].UnscoredPrefix != actual[i].UnscoredPrefix)
            {
                return double.PositiveInfinity;
            }

            worst = Math.Max(worst, expected[i].Tokens.Zip(actual[i].Tokens).Max(p => Math.Abs(p.First.LogProb - p.Second.LogProb)));
        }

        return worst;
    }

    /// <summary>A raw-prompt request of <paramref name="tokens"/> new tokens.</summary>
    public static GenerationRequest Prompt(int tokens, double temperature = 0, ulong seed = 1)
        => new(null, Context, tokens, temperature, 0.95, 0, [], seed);
}
