using DataForge.Models.Tokenization;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class HfTokenizerQwenStyleTests
{
    private readonly HfTokenizer _tokenizer = QwenStyleTokenizer.Load();

    [Fact]
    public void Load_ReadsConfigAndAddedTokens()
    {
        // Arrange + Act (in the constructor)

        // Assert
        Assert.Equal(304, _tokenizer.VocabularySize);
        Assert.Null(_tokenizer.BosId);
        Assert.Equal(QwenStyleTokenizer.ImEnd, _tokenizer.EosId);
        Assert.Equal(QwenStyleTokenizer.EndOfText, _tokenizer.PadId);
        Assert.False(_tokenizer.AddBos);
        Assert.Equal(32768, _tokenizer.ModelMaxLength);
        Assert.Equal(ChatFormatKind.ChatMl, ChatFormat.Detect(_tokenizer.ChatTemplate));
        Assert.True(_tokenizer.IsSpecial(QwenStyleTokenizer.ImStart));
        Assert.False(_tokenizer.IsSpecial(QwenStyleTokenizer.ToolCall));
    }

    [Fact]
    public void Encode_Words_UseArrayMerges()
    {
        // Arrange + Act
        var ids = _tokenizer.Encode("hello world");

        // Assert
        Assert.Equal([QwenStyleTokenizer.Hello, QwenStyleTokenizer.SpaceWorld], ids);
    }

    [Fact]
    public void Encode_Digits_SplitOneByOneByTheSplitRegex()
    {
        // Arrange: the merge "1 2" exists, but Qwen's regex isolates every digit.
        var one = QwenStyleTokenizer.ByteId('1', _tokenizer);
        var two = QwenStyleTokenizer.ByteId('2', _tokenizer);

        // Act
        var ids = _tokenizer.Encode("12");

        // Assert
        Assert.Equal(QwenStyleTokenizer.Twelve, _tokenizer.IdOf("12"));
        Assert.Equal([one, two], ids);
    }

    [Fact]
    public void Encode_SpecialTokensAllowed_AreSingleIds()
    {
        // Arrange
        const string Text = "<|im_start|>user\nhello<|im_end|>";

        // Act
        var ids = _tokenizer.Encode(Text, allowSpecial: true);

        // Assert
        Assert.Equal(QwenStyleTokenizer.ImStart, ids[0]);
        Assert.Equal(QwenStyleTokenizer.ImEnd, ids[^1]);
        Assert.Contains(QwenStyleTokenizer.Hello, ids);
        Assert.Equal(Text, _tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_SpecialTokensNotAllowed_AreOrdinaryText()
    {
        // Arrange
        const string Text = "<|im_start|>user\nhello<|im_end|>";

        // Act
        var ids = _tokenizer.Encode(Text);

        // Assert
        Assert.All(ids, id => Assert.True(id < 256 || id == QwenStyleTokenizer.Hello, $"unexpected id {id}"));
        Assert.Equal(Text, _tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_NonSpecialAddedToken_IsAlwaysOneId()
    {
        // Arrange + Act
        var plain = _tokenizer.Encode("x<tool_call>y");
        var allowed = _tokenizer.Encode("x<tool_call>y", allowSpecial: true);

        // Assert
        Assert.Equal(QwenStyleTokenizer.ToolCall, plain[1]);
        Assert.Equal(plain, allowed);
    }

    [Fact]
    public void Decode_SkipSpecial_DropsSpecialTokensOnly()
    {
        // Arrange
        int[] ids = [QwenStyleTokenizer.ImStart, QwenStyleTokenizer.Hello, QwenStyleTokenizer.ToolCall, QwenStyleTokenizer.ImEnd];

        // Act
        var text = _tokenizer.Decode(ids, skipSpecial: true);

        // Assert
        Assert.Equal("hello<tool_call>", text);
    }

    [Fact]
    public void Decode_InvalidUtf8AndUnknownIds_GiveReplacementOrNothing()
    {
        // Arrange: 'Ã' alone is the byte 0xC3, a lead byte with no continuation; 280 is in the gap below the specials.
        var leadByte = QwenStyleTokenizer.ByteId('Ã', _tokenizer);

        // Act
        var text = _tokenizer.Decode([QwenStyleTokenizer.Hello, leadByte, 280, QwenStyleTokenizer.Hello]);

        // Assert
        Assert.Equal("hello\uFFFDhello", text);
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.TokenText(280));
    }

    [Theory]
    [InlineData("<|im_start|>user\nCafé 😀 naïve\r\n\ttabs<|im_end|>\n<tool_call>", true)]
    [InlineData("<|im_start|>user\nCafé 😀 naïve\r\n\ttabs<|im_end|>\n<tool_call>", false)]
    [InlineData("  leading and trailing spaces   ", false)]
    [InlineData("", false)]
    public void EncodeWithOffsets_AnyText_CoversInputExactly(string text, bool allowSpecial)
    {
        // Arrange + Act
        var spans = _tokenizer.EncodeWithOffsets(text, allowSpecial);

        // Assert
        TokenSpanAssert.CoverExactly(text, spans);
        Assert.Equal(_tokenizer.Encode(text, allowSpecial), spans.Select(s => s.Id));
    }

    [Fact]
    public void EncodeWithOffsets_SpecialToken_SpansItsText()
    {
        // Arrange
        const string Text = "hello<|im_end|>";

        // Act
        var spans = _tokenizer.EncodeWithOffsets(Text, allowSpecial: true);

        // Assert
        Assert.Equal([new TokenSpan(QwenStyleTokenizer.Hello, 0, 5), new TokenSpan(QwenStyleTokenizer.ImEnd, 5, 10)], spans);
    }

    [Fact]
    public void Encode_DecomposedText_IsNormalizedToNfc()
    {
        // Needs ICU: the CLI and this test project run with InvariantGlobalization off, because under
        // globalization-invariant mode string.Normalize returns its input unchanged.
        // Arrange
        const string Decomposed = "cafe\u0301 hello";

        // Act
        var ids = _tokenizer.Encode(Decomposed);
        var spans = _tokenizer.EncodeWithOffsets(Decomposed);

        // Assert
        Assert.Equal(_tokenizer.Encode("caf\u00e9 hello"), ids);
        TokenSpanAssert.CoverExactly(Decomposed, spans);
    }

    [Fact]
    public void IdOf_AddedOrVocabularyToken_FindsIt()
    {
        // Arrange + Act + Assert
        Assert.Equal(QwenStyleTokenizer.ImEnd, _tokenizer.IdOf("<|im_end|>"));
        Assert.Equal(QwenStyleTokenizer.SpaceWorld, _tokenizer.IdOf("Ġworld"));
        Assert.Null(_tokenizer.IdOf(" world"));
    }
}
