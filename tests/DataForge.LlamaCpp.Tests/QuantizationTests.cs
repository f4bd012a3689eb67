using DataForge.Models.LlamaCpp;
using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Models.Torch;
using DataForge.Testing;
using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>Q8_0 and Q4_K_M files, made by llama.cpp's quantizer from the converter's F32 file, load and generate.</summary>
[Collection(LlamaCppTests.Name)]
public sealed class QuantizationTests
{
    [Theory]
    [InlineData("qwen2-quantizable", "q8_0", "Q8_0", 0.2)]
    [InlineData("llama-quantizable", "q8_0", "Q8_0", 0.2)]
    [InlineData("qwen2-quantizable", "q4_k_m", "Q4_K", 1.5)]
    [InlineData("llama-quantizable", "q4_k_m", "Q4_K", 1.5)]
    public async Task Convert_Quantized_StoresTheTypeLoadsAndGenerates(string shape, string type, string expected, double tolerance)
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = ConversionParityTests.Folder(shape, temp);

        // Act
        var conversion = GgufConverter.Convert(folder, GgufFileTypes.Parse(type)!.Value, temp.Combine("model.gguf"));
        using var llama = LlamaCppLanguageModel.Load(conversion.Path);
        using var torch = TorchLanguageModel.Load(folder);
        var generated = (await llama.GenerateAsync([Parity.Prompt(16)], CancellationToken.None))[0];
        var difference = await Parity.MaxLogProbDifferenceAsync(torch, llama);

        // Assert: every matrix row is a multiple of 256, so nothing falls back; only norms and biases stay F32.
        Assert.Empty(conversion.Fallbacks);
        Assert.True(conversion.TensorTypes[Enum.Parse<GgmlType>(expected)] >= 10, string.Join(", ", conversion.TensorTypes));
        Assert.True(conversion.Bytes < new FileInfo(GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("f32.gguf")).Path).Length / 3);
        Assert.True(generated.CompletionTokens > 0 && generated.Text.Length > 0, generated.ToString());
        Assert.True(difference < tolerance, $"largest per-token log-prob difference from F32 torch {difference}");
    }

    [Fact]
    public void Convert_Q8WithRowsNotAMultipleOf32_RefusesNamingTheMatrix()
    {
        // Arrange: qwen2-random's MLP is 176 wide, so ffn_down has 176 values per row.
        using var temp = new TempFolder();
        var output = temp.Combine("model.gguf");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => GgufConverter.Convert(Checkpoints.Committed("qwen2-random"), GgufFileType.Q8_0, output));

        // Assert
        Assert.Contains("blk.0.ffn_down.weight (176 per row)", error.Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 32", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Convert_Q4KMOfTheEmbeddedModel_ReportsFallbacksAndGenerates()
    {
        // Arrange: the embedded model is 192 wide, not a multiple of 256.
        using var temp = new TempFolder();

        // Act
        var conversion = GgufConverter.Convert(Checkpoints.Tiny, GgufFileType.Q4_K_M, temp.Combine("tiny.gguf"));
        using var llama = LlamaCppLanguageModel.Load(conversion.Path);
        var generated = (await llama.GenerateAsync([Parity.Prompt(8)], CancellationToken.None))[0];

        // Assert
        Assert.Contains(conversion.Fallbacks, f => f.StartsWith("blk.0.attn_q.weight (192 per row): ", StringComparison.Ordinal));
        Assert.DoesNotContain(conversion.Fallbacks, f => f.StartsWith("blk.0.ffn_down.weight", StringComparison.Ordinal)); // 512 per row
        Assert.True(generated.CompletionTokens > 0 && generated.Text.Length > 0, generated.ToString());
    }
}
