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
