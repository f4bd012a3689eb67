using DataForge.Models.Torch;
using DataForge.Models.Torch.Inference;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>The TorchSharp decoder against goldens from an independent float64 NumPy implementation.</summary>
[Collection(TorchTests.Name)]
public sealed class TorchDecoderGoldenTests
{
    private const double Tolerance = 1e-4;

    // One padded batch against one sequence at a time: every matrix product has another shape, so
    // BLAS may sum in another order (measured here up to 9.5e-7; one thread against two, 4.8e-7). A
    // float32 log-prob over H = 64 is off the exact value by about 2·√H·u·Σ|hᵢwᵢ| ≈ 1e-5 for these
    // checkpoints' logits (below 5); two such results may differ by twice that, so padding that leaks
    // into a real position (a change of 1e-2 or more) is what this bound catches, not rounding.
    private const double AcrossShapes = 5e-5;

    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    public void Logits_RandomCheckpoint_MatchGoldens(string checkpoint)
    {
        // Arrange
        var goldens = Goldens.Load(checkpoint);
        using var decoder = TorchDecoder.Load(Goldens.Folder(checkpoint));

        // Act
        var logits = decoder.Logits(goldens.LogitIds);

        // Assert
        Assert.Equal(goldens.Logits.Length, logits.Length);
        var worst = goldens.Logits.Zip(logits).SelectMany(p => p.First.Zip(p.Second, (g, a) => Math.Abs(g - a))).Max();
        Assert.True(worst < Tolerance, $"largest logit difference {worst:g3}");
    }

    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    public void Score_MixedLengthsInOnePaddedBatch_MatchGoldens(string checkpoint)
    {
        // Arrange
        var goldens = Goldens.Load(checkpoint);
        using var decoder = TorchDecoder.Load(Goldens.Folder(checkpoint));
        var items = goldens.LogProbs.Select(g => ((IReadOnlyList<int>)g.Context, (IReadOnlyList<int>)g.Continuation)).ToList();

        // Act
        var batched = decoder.Score(items, batchSize: items.Count);
        var single = decoder.Score(items, batchSize: 1);

        // Assert
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(goldens.LogProbs[i].Values.Length, batched[i].Length);
            var worst = goldens.LogProbs[i].Values.Zip(batched[i], (g, a) => Math.Abs(g - a)).Max();
            Assert.True(worst < Tolerance, $"item {i}: largest log-prob difference {worst:g3}");
            Assert.Equal(single[i], batched[i], (a, b) => Math.Abs(a - b) < AcrossShapes);
        }
    }

    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    public void Generate_Greedy_MatchesGoldensWithAndWithoutCache(string checkpoint)
    {
        // Arrange
        var goldens = Goldens.Load(checkpoint);
        using var decoder = TorchDecoder.Load(Goldens.Folder(checkpoint));
        GenerationInput[] input = [new(goldens.GreedyPrompt, goldens.GreedyTokens.Length, SamplingSettings.Greedy)];

        // Act
        var cached = decoder.Generate(input, new HashSet<int>(), useCache: true)[0];
        var uncached = decoder.Generate(input, new HashSet<int>(), useCache: false)[0];

        // Assert
        Assert.Equal(goldens.GreedyTokens, cached.Tokens);
        Assert.Equal(goldens.GreedyTokens, uncached.Tokens);
        Assert.Equal("length", cached.FinishReason);
    }
}
