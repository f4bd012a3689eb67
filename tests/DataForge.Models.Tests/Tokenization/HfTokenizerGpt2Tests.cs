using DataForge.Models.Tokenization;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class HfTokenizerGpt2Tests(Gpt2Fixture gpt2) : IClassFixture<Gpt2Fixture>
{
    [Fact]
    public void Encode_MixedText_MatchesTiktokenGpt2()
    {
        // Arrange
        var text = SampleTexts.Mixed();

        // Act
        var ids = gpt2.Tokenizer.Encode(text);

        // Assert
        Assert.True(text.Length > 3000);
        Assert.Equal(gpt2.Reference.EncodeToIds(text), ids);
    }

    [Fact]
    public void Encode_KnownWords_GiveGpt2Ids()
    {
        // Arrange + Act
        var ids = gpt2.Tokenizer.Encode("Hello world");

        // Assert
        Assert.Equal([15496, 995], ids);
        Assert.Equal(50257, gpt2.Tokenizer.VocabularySize);
    }

    [Fact]
    public void Encode_EndOfTextAllowed_IsOneIdAsInTiktoken()
    {
        // Arrange
        var text = "first document<|endoftext|>second document";

        // Act
        var allowed = gpt2.Tokenizer.Encode(text, allowSpecial: true);
        var ordinary = gpt2.Tokenizer.Encode(text);

        // Assert
        Assert.Equal(gpt2.Reference.EncodeToIds(text), allowed);
        Assert.Single(allowed, id => id == Gpt2TokenizerJson.EndOfText);
        Assert.DoesNotContain(Gpt2TokenizerJson.EndOfText, ordinary);
        Assert.Equal(text, gpt2.Tokenizer.Decode(ordinary));
    }

    [Fact]
    public void Decode_MixedText_RoundTrips()
    {
        // Arrange
        var text = SampleTexts.Mixed();

        // Act
        var decoded = gpt2.Tokenizer.Decode(gpt2.Tokenizer.Encode(text));

        // Assert
        Assert.Equal(text, decoded);
    }

    [Fact]
    public void EncodeWithOffsets_MixedText_CoversInputAndMatchesTokenTexts()
    {
        // Arrange
        var text = SampleTexts.Mixed();

        // Act
        var spans = gpt2.Tokenizer.EncodeWithOffsets(text);

        // Assert
        Assert.Equal(gpt2.Tokenizer.Encode(text), spans.Select(s => s.Id));
        TokenSpanAssert.CoverExactly(text, spans);
        foreach (var span in spans)
        {
            var tokenText = gpt2.Tokenizer.TokenText(span.Id);
            if (!tokenText.Contains('\uFFFD', StringComparison.Ordinal))
            {
                Assert.Equal(tokenText, text.Substring(span.Offset, span.Length));
            }
        }
    }

    [Fact]
    public void EncodeWithOffsets_SplitEmoji_LastPieceSpansTheCharacter()
    {
        // Arrange: GPT-2 spells this emoji with two tokens.
        const string Text = "a😀";

        // Act
        var spans = gpt2.Tokenizer.EncodeWithOffsets(Text);

        // Assert
        Assert.Equal(3, spans.Count);
        Assert.Equal(new TokenSpan(spans[1].Id, 1, 0), spans[1]);
        Assert.Equal(new TokenSpan(spans[2].Id, 1, 2), spans[2]);
    }

    [Fact]
    public void TokenText_ByteOfACharacter_IsReplacementCharacter()
    {
        // Arrange
        var ids = gpt2.Tokenizer.Encode("😀");

        // Act
        var texts = ids.Select(gpt2.Tokenizer.TokenText).ToList();

        // Assert
        Assert.All(texts, t => Assert.Contains('\uFFFD', t));
        Assert.Equal(" world", gpt2.Tokenizer.TokenText(995));
    }
}
