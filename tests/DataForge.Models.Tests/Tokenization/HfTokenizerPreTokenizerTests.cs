using System.Text.Json.Nodes;
using DataForge.Models.Tokenization;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

/// <summary>Other pre-tokenizer shapes, built by editing the Qwen-style checkpoint.</summary>
public sealed class HfTokenizerPreTokenizerTests
{
    [Fact]
    public void Encode_Gpt2ByteLevelRegex_KeepsDigitRunsTogether()
    {
        // Arrange: plain ByteLevel (GPT-2's regex) lets the "1 2" merge apply.
        var tokenizer = LoadWith(ByteLevel(addPrefixSpace: false, useRegex: true));

        // Act
        var ids = tokenizer.Encode("12");

        // Assert
        Assert.Equal([QwenStyleTokenizer.Twelve], ids);
    }

    [Fact]
    public void Encode_DigitsThenByteLevel_IsolatesEachDigit()
    {
        // Arrange: SmolLM2's shape.
        var digits = new JsonObject { ["type"] = "Digits", ["individual_digits"] = true };
        var tokenizer = LoadWith(new JsonObject { ["type"] = "Sequence", ["pretokenizers"] = new JsonArray(digits, ByteLevel(false, true)) });

        // Act
        var ids = tokenizer.Encode("12");

        // Assert
        Assert.Equal([QwenStyleTokenizer.ByteId('1', tokenizer), QwenStyleTokenizer.ByteId('2', tokenizer)], ids);
    }

    [Fact]
    public void Encode_AddPrefixSpace_AddsASpaceThatCoversNoInput()
    {
        // Arrange
        var tokenizer = LoadWith(ByteLevel(addPrefixSpace: true, useRegex: true));

        // Act
        var spans = tokenizer.EncodeWithOffsets("world");

        // Assert
        Assert.Equal([new TokenSpan(QwenStyleTokenizer.SpaceWorld, 0, 5)], spans);
        Assert.Equal(" world", tokenizer.Decode([.. spans.Select(s => s.Id)]));
    }

    [Fact]
    public void Encode_IgnoreMerges_TakesWholeWordsFromTheVocabulary()
    {
        // Arrange: "Ġw o r l d" would need merges; with ignore_merges the word is looked up whole.
        using var folder = new TempFolder();
        QwenStyleTokenizer.CopyWith(folder.Path, json =>
        {
            json["model"]!["ignore_merges"] = true;
            json["model"]!["merges"] = new JsonArray();
        });
        var tokenizer = HfTokenizer.Load(folder.Path);

        // Act
        var ids = tokenizer.Encode("hello world");

        // Assert
        Assert.Equal([QwenStyleTokenizer.Hello, QwenStyleTokenizer.SpaceWorld], ids);
    }

    private static JsonObject ByteLevel(bool addPrefixSpace, bool useRegex) => new()
    {
        ["type"] = "ByteLevel",
        ["add_prefix_space"] = addPrefixSpace,
        ["trim_offsets"] = true,
        ["use_regex"] = useRegex,
    };

    private static HfTokenizer LoadWith(JsonObject preTokenizer)
    {
        using var folder = new TempFolder();
        QwenStyleTokenizer.CopyWith(folder.Path, json => json["pre_tokenizer"] = preTokenizer);
        return HfTokenizer.Load(folder.Path);
    }
}
