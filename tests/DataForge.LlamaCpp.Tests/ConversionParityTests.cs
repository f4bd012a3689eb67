using DataForge.Models.LlamaCpp;
using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.Torch;
using DataForge.Testing;
using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>An F32 conversion run by llama.cpp computes what the torch backend computes on the checkpoint.</summary>
[Collection(LlamaCppTests.Name)]
public sealed class ConversionParityTests
{
    public static TheoryData<string> Shapes => ["qwen2-random", "llama-random", "qwen2-quantizable", "llama-quantizable", "tiny"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ConvertF32_Checkpoint_LogProbsWithin1e3OfTorch(string shape)
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Folder(shape, temp);
        var file = GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("model.gguf")).Path;
        using var torch = TorchLanguageModel.Load(folder);
        using var llama = LlamaCppLanguageModel.Load(file);

        // Act
        var difference = await Parity.MaxLogProbDifferenceAsync(torch, llama);

        // Assert
        Assert.True(difference < 1e-3, $"{shape}: largest per-token log-prob difference {difference}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ConvertF32_Checkpoint_Greedy32TokensEqualTorch(string shape)
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Folder(shape, temp);
        var file = GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("model.gguf")).Path;
        using var torch = TorchLanguageModel.Load(folder);
        using var llama = LlamaCppLanguageModel.Load(file);
        var request = Parity.Prompt(32);

        // Act
        var expected = (await torch.GenerateAsync([request], CancellationToken.None))[0];
        var actual = (await llama.GenerateAsync([request], CancellationToken.None))[0];

        // Assert
        Assert.Equal(32, actual.CompletionTokens);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ConvertF16_Qwen2_LogProbsCloseToTorch()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Folder("qwen2-quantizable", temp);
        var conversion = GgufConverter.Convert(folder, GgufFileType.F16, temp.Combine("model.gguf"));
        using var torch = TorchLanguageModel.Load(folder);
        using var llama = LlamaCppLanguageModel.Load(conversion.Path);

        // Act
        var difference = await Parity.MaxLogProbDifferenceAsync(torch, llama);

        // Assert: matrices in F16, norms and biases in F32.
        Assert.Equal((7 * 2) + 1, conversion.TensorTypes[Models.LlamaCpp.Gguf.GgmlType.F16]);
        Assert.True(difference < 0.05, $"largest per-token log-prob difference {difference}");
    }

    /// <summary>The checkpoint folder of a test shape: committed, written here at random, or the embedded model.</summary>
    internal static string Folder(string shape, TempFolder temp) => shape switch
    {
        "tiny" => Checkpoints.Tiny,
        "qwen2-quantizable" => Checkpoints.Random(temp.Combine(shape), Checkpoints.Qwen2Quantizable, "qwen2-random", seed: 3),
        "llama-quantizable" => Checkpoints.Random(temp.Combine(shape), Checkpoints.LlamaQuantizable, "llama-random", seed: 4),
        _ => Checkpoints.Committed(shape),
    };
}
