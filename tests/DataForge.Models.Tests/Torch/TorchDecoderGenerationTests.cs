using DataForge.Models.Torch;
using DataForge.Models.Torch.Inference;
using Xunit;

namespace DataForge.Models.Tests.Torch;

[Collection(TorchTests.Name)]
public sealed class TorchDecoderGenerationTests
{
    private static readonly int[][] Prompts = [[12, 40, 7], [200, 3, 99, 150, 8, 61, 17], [5], [77, 78, 79, 80, 81]];

    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    public void Generate_LeftPaddedBatch_EqualsOneAtATime(string checkpoint)
    {
        // Arrange
        using var decoder = TorchDecoder.Load(Goldens.Folder(checkpoint), validVocabulary: 289);
        var inputs = Prompts.Select(p => new GenerationInput(p, 8, SamplingSettings.Greedy)).ToList();

        // Act
        var batched = decoder.Generate(inputs, new HashSet<int>());
        var single = inputs.Select(i => decoder.Generate([i], new HashSet<int>())[0]).ToList();

        // Assert
        Assert.Equal(single.Select(s => s.Tokens), batched.Select(b => b.Tokens));
        Assert.All(batched, b => Assert.Equal(8, b.Tokens.Count));
    }

    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    public void Generate_PromptsOfOnePaddedWidth_SameLogProbBitsAloneAsInAnyBatch(string checkpoint)
    {
        // Arrange: prompts of 1 to 32 tokens share one padded width; sampled, so each row takes its own path.
        using var decoder = TorchDecoder.Load(Goldens.Folder(checkpoint), validVocabulary: 289);
        var lengths = new[] { 3, 9, 17, 25, 31, 32, 1, 12 };
        var inputs = lengths.Select((n, i) => new GenerationInput([.. Enumerable.Range(0, n).Select(t => ((t * 37) + (i * 11)) % 289)], 24, new SamplingSettings(1.0, 1.0, 0, (ulong)(50 + i)))).ToList();
        Assert.Single(lengths.Select(BatchGenerator.PaddedWidth).Distinct());

        // Act
        var alone = inputs.Select(i => decoder.Generate([i], new HashSet<int>())[0]).ToList();
        var ofEight = decoder.Generate(inputs, new HashSet<int>());
        var ofTwo = decoder.Generate([inputs[5], inputs[0]], new HashSet<int>());
        var ofThree = decoder.Generate([inputs[5], inputs[0], inputs[6]], new HashSet<int>());
        var ofFive = decoder.Generate([inputs[5], inputs[0], inputs[1], inputs[2], inputs[7]], new HashSet<int>());

        // Assert: every new token's log-probability, bit for bit (any change in any logit of the row would show).
        static long[] Bits(GenerationOutput o) => [.. o.LogProbs!.Select(BitConverter.DoubleToInt64Bits)];
        Assert.Equal(alone.Select(Bits), ofEight.Select(Bits));
        Assert.Equal(alone.Select(a => a.Tokens), ofEight.Select(b => b.Tokens));
        Assert.Equal(new[] { alone[5], alone[0] }.Select(Bits), ofTwo.Select(Bits));
        Assert.Equal(new[] { alone[5], alone[0], alone[6] }.Select(Bits), ofThree.Select(Bits));
        Assert.Equal(new[] { alone[5], alone[0], alone[1], alone[2], alone[7] }.Select(Bits), ofFive.Select(Bits));
        Assert.All(alone, a => Assert.Equal(24, a.LogProbs!.Count));
    }

    [Fact]
    public void Generate_Sampled_SameSeedSameTokensWithAndWithoutCache()
    {
        // Arrange
        using var decoder = TorchDecoder.Load(Goldens.Folder("llama-random"), validVocabulary: 289);
        GenerationInput Input(int[] prompt, ulong seed) => new(prompt, 12, new SamplingSettings(1.0, 0.95, 50, seed));
        var inputs = Prompts.Select((p, i) => Input(p, (ulong)(100 + i))).ToList();

        // Act
        var first = decoder.Generate(inputs, new HashSet<int>());
        var again = decoder.Generate(inputs, new HashSet<int>());
        var uncached = decoder.Generate(inputs, new HashSet<int>(), useCache: false);
        var otherSeeds = decoder.Generate(Prompts.Select((p, i) => Input(p, (ulong)(900 + i))).ToList(), new HashSet<int>());

        // Assert
        Assert.Equal(first.Select(f => f.Tokens), again.Select(a => a.Tokens));
        Assert.Equal(first.Select(f => f.Tokens), uncached.Select(a => a.Tokens));
        Assert.NotEqual(first.Select(f => f.Tokens), otherSeeds.Select(a => a.Tokens));
        Assert.All(first.SelectMany(f => f.Tokens), t => Assert.InRange(t, 0, 288));
    }

    [Fact]
    public void Generate_StopTokenAndStopCallback_EndSequencesEarly()
    {
        // Arrange
        using var decoder = TorchDecoder.Load(Goldens.Folder("llama-random"));
        var goldens = Goldens.Load("llama-random");
        var stopAt = goldens.GreedyTokens[3];
        GenerationInput[] inputs =
        [
            new(goldens.GreedyPrompt, 10, SamplingSettings.Greedy),
            new(goldens.GreedyPrompt, 10, SamplingSettings.Greedy, ids => ids.Count == 2),
        ];

        // Act
        var outputs = decoder.Generate(inputs, new HashSet<int> { stopAt });

        // Assert
        Assert.Equal(goldens.GreedyTokens.Take(3), outputs[0].Tokens);
        Assert.Equal("stop", outputs[0].FinishReason);
        Assert.Equal(goldens.GreedyTokens.Take(2), outputs[1].Tokens);
        Assert.Equal("stop", outputs[1].FinishReason);
    }
}
