using System.Security.Cryptography;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.LlamaCpp;
using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.Torch;
using DataForge.Testing;
using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>The llamacpp backend behaves as the torch backend does around the forward passes.</summary>
[Collection(LlamaCppTests.Name)]
public sealed class LlamaCppLanguageModelTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _file;

    public LlamaCppLanguageModelTests()
    {
        _file = GgufConverter.Convert(Checkpoints.Tiny, GgufFileType.F32, _temp.Combine("tiny-f32.gguf")).Path;
    }

    [Fact]
    public void Load_ConvertedFile_IdentityIsNameAndSha256OfTheFile()
    {
        // Arrange
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_file)))[..16];

        // Act
        using var model = LlamaCppLanguageModel.Load(_file);

        // Assert
        Assert.Equal($"tiny-f32@{expected}", model.Identity);
        Assert.Equal(1024, model.ContextLength);
        Assert.Equal(Models.Tokenization.ChatFormatKind.ChatMl, model.Format);
    }

    [Fact]
    public async Task GenerateAsync_SeededSampling_SameSeedSameTextAsTorch()
    {
        // Arrange
        using var llama = LlamaCppLanguageModel.Load(_file);
        using var torch = TorchLanguageModel.Load(Checkpoints.Tiny);
        GenerationRequest[] requests = [.. Enumerable.Range(1, 3).Select(seed => new GenerationRequest([new ChatMessage("user", "Write a function that reverses a string.")], null, 24, 0.8, 0.95, 40, [], (ulong)seed))];

        // Act
        var first = await llama.GenerateAsync(requests, CancellationToken.None);
        var again = await llama.GenerateAsync(requests, CancellationToken.None);
        var expected = await torch.GenerateAsync(requests, CancellationToken.None);

        // Assert
        Assert.Equal(first, again);
        Assert.Equal(expected, first);
        Assert.True(first.Select(r => r.Text).Distinct().Count() > 1, "different seeds should sample different texts");
    }

    [Fact]
    public async Task GenerateAsync_StopString_CutsTheTextAndFinishesWithStop()
    {
        // Arrange
        using var llama = LlamaCppLanguageModel.Load(_file);
        var open = (await llama.GenerateAsync([new GenerationRequest(null, "- item one\n- item two\n", 24, 0, 1, 0, [], 1)], CancellationToken.None))[0];
        var stop = open.Text.Length > 3 ? open.Text.Substring(2, 2) : throw new InvalidOperationException(open.ToString());

        // Act
        var cut = (await llama.GenerateAsync([new GenerationRequest(null, "- item one\n- item two\n", 24, 0, 1, 0, [stop], 1)], CancellationToken.None))[0];

        // Assert
        Assert.Equal("stop", cut.FinishReason);
        Assert.Equal(open.Text[..open.Text.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
    }

    [Fact]
    public async Task ScoreAsync_LongerThanTheContext_RejectedAsContextTooLong()
    {
        // Arrange
        using var llama = LlamaCppLanguageModel.Load(_file, new LlamaCppModelOptions { ContextLength = 16 });

        // Act
        var error = await Assert.ThrowsAsync<ModelRequestRejectedException>(() => llama.ScoreAsync([new ScoreRequest("a", "b"), new ScoreRequest("", string.Join(' ', Enumerable.Repeat("word", 40)))], CancellationToken.None));

        // Assert
        Assert.Equal(ModelRequestRejectedException.ContextTooLongReason, error.Reason);
        Assert.Equal(1, error.RequestIndex);
    }

    [Fact]
    public void Options_Defaults_F32CacheFlashAttentionOffThreadsPerCore()
    {
        // Act
        var options = LlamaCppModelOptions.Default;

        // Assert
        Assert.Equal("f32", options.KvCacheType);
        Assert.False(options.FlashAttention);
        Assert.Equal(Environment.ProcessorCount, options.Threads);
        Assert.Null(options.ContextLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlamaCppModelOptions { KvCacheType = "q8_0" });
    }

    [Fact]
    public void Load_NotGguf_ErrorNamesTheFile()
    {
        // Arrange
        var path = _temp.Write("broken.gguf", "not a model"u8.ToArray());

        // Act
        var error = Assert.Throws<InvalidDataException>(() => LlamaCppLanguageModel.Load(path));

        // Assert
        Assert.StartsWith(path + ": not a GGUF file", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
