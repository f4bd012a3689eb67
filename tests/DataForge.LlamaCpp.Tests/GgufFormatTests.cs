using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Testing;
using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>The GGUF file the converter writes, read back field by field.</summary>
public sealed class GgufFormatTests
{
    [Fact]
    public void Convert_LlamaCheckpoint_HeaderHoldsArchitectureTokenizerAndAlignedTensors()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var conversion = GgufConverter.Convert(Checkpoints.Committed("llama-random"), GgufFileType.F32, temp.Combine("model.gguf"));
        var file = GgufFile.Read(conversion.Path);

        // Assert
        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(512, file.Integer("llama.context_length"));
        Assert.Equal(24, file.Integer("llama.attention.key_length"));
        Assert.Equal(1e-5, file.Number("llama.attention.layer_norm_rms_epsilon")!.Value, 1e-9);
        Assert.Equal("gpt2", file.String("tokenizer.ggml.model"));
        Assert.Equal("gpt-2", file.String("tokenizer.ggml.pre"));
        var tokens = file.Metadata["tokenizer.ggml.tokens"].AsArray();
        var types = file.Metadata["tokenizer.ggml.token_type"].AsArray();
        Assert.Equal(300, tokens.Count);
        Assert.Equal("<|im_end|>", tokens[288]);
        Assert.Equal(3, types[288]);                          // control
        Assert.Equal("[PAD299]", tokens[299]);
        Assert.Equal(5, types[299]);                          // unused
        Assert.Equal(286, file.Integer("tokenizer.ggml.bos_token_id"));
        Assert.Contains("output.weight", file.Tensors.Select(t => t.Name));
        var q = file.Tensors.Single(t => t.Name == "blk.0.attn_q.weight");
        Assert.Equal([64L, 96L], q.Dimensions);
        Assert.All(file.Tensors, t => Assert.Equal(0ul, t.Offset % GgufWriter.Alignment));
    }

    [Fact]
    public void Permute_RotateHalfRows_BecomeInterleavedPairsPerHead()
    {
        // Arrange: 2 heads of 4 rows, 1 column; row r holds r.
        float[] rows = [0, 1, 2, 3, 4, 5, 6, 7];

        // Act
        var permuted = GgufTensorMap.Permute(rows, rows: 8, heads: 2);

        // Assert: per head, halves (0 1 | 2 3) become pairs (0 2 1 3).
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], permuted);
    }

    [Fact]
    public void Convert_Qwen2WithoutBiases_WritesZeroBiasesNoPermutation()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Checkpoints.Random(temp.Combine("ckpt"), Checkpoints.Qwen2Quantizable with { AttentionBias = false }, "qwen2-random", seed: 5);

        // Act
        var file = GgufFile.Read(GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("model.gguf")).Path);

        // Assert
        Assert.Equal("qwen2", file.Architecture);
        Assert.Equal("qwen2", file.String("tokenizer.ggml.pre"));
        Assert.Contains("blk.1.attn_v.bias", file.Tensors.Select(t => t.Name));
        Assert.DoesNotContain("output.weight", file.Tensors.Select(t => t.Name)); // tied
    }

    [Fact]
    public void Parse_FileTypeNames_KnownOnesOnly()
    {
        // Act + Assert
        Assert.Equal(GgufFileType.Q4_K_M, GgufFileTypes.Parse("Q4_K_M"));
        Assert.Equal("q8_0", GgufFileType.Q8_0.Name());
        Assert.Null(GgufFileTypes.Parse("q5_k_s"));
    }
}
