using System.Text;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class StreamingDecoderTests
{
    [Fact]
    public void Push_SplitCharacter_IsHeldBackUntilComplete()
    {
        // Arrange: this tokenizer has no merges for the emoji, so it is four byte tokens.
        var tokenizer = QwenStyleTokenizer.Load();
        var ids = tokenizer.Encode("hello😀");
        var decoder = tokenizer.CreateStreamingDecoder();

        // Act
        var pieces = ids.Select(decoder.Push).ToList();

        // Assert
        Assert.Equal(["hello", "", "", "", "😀"], pieces);
        Assert.Equal("", decoder.Flush());
    }

    [Fact]
    public void Push_AllIds_ConcatenateToDecode()
    {
        // Arrange
        var tokenizer = QwenStyleTokenizer.Load();
        var text = "<|im_start|>assistant\n" + SampleTexts.Unicode + "<|im_end|>";
        var ids = tokenizer.Encode(text, allowSpecial: true);
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecial: true);

        // Act
        var streamed = new StringBuilder();
        foreach (var id in ids)
        {
            streamed.Append(decoder.Push(id));
        }

        streamed.Append(decoder.Flush());

        // Assert
        Assert.Equal(tokenizer.Decode(ids, skipSpecial: true), streamed.ToString());
        Assert.DoesNotContain('\uFFFD', streamed.ToString());
    }

    [Fact]
    public void Flush_IncompleteCharacter_GivesReplacementCharacter()
    {
        // Arrange
        var tokenizer = QwenStyleTokenizer.Load();
        var emoji = tokenizer.Encode("😀");
        var decoder = tokenizer.CreateStreamingDecoder();

        // Act
        var first = decoder.Push(emoji[0]);
        var flushed = decoder.Flush();

        // Assert
        Assert.Equal("", first);
        Assert.Equal("\uFFFD", flushed);
    }
}
