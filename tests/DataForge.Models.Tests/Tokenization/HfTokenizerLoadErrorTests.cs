using System.Text.Json.Nodes;
using DataForge.Models.Tokenization;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class HfTokenizerLoadErrorTests
{
    public static TheoryData<string, string, string> Unsupported => new()
    {
        { "unigram", "tokenizer.json: $.model.type:", "'Unigram'" },
        { "byte_fallback", "tokenizer.json: $.model.byte_fallback:", "byte fallback" },
        { "metaspace", "tokenizer.json: $.pre_tokenizer.type:", "'Metaspace'" },
        { "whitespace_in_sequence", "tokenizer.json: $.pre_tokenizer.pretokenizers[0].type:", "'Whitespace'" },
        { "split_only", "tokenizer.json: $.pre_tokenizer:", "ByteLevel" },
        { "split_removed", "tokenizer.json: $.pre_tokenizer.pretokenizers[0].behavior:", "'Removed'" },
        { "nfkc", "tokenizer.json: $.normalizer.normalizers[0].type:", "'NFKC'" },
        { "bytes_missing", "tokenizer.json: $.model.vocab:", "byte tokens" },
        { "bad_merge", "tokenizer.json: $.model.merges[0]:", "two non-empty tokens" },
        { "merge_outside_vocab", "tokenizer.json: $.model.merges[0]:", "'Zq9', which is not in $.model.vocab" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Load_UnsupportedTokenizerJson_ThrowsNamingFileAndPath(string change, string where, string what)
    {
        // Arrange
        using var folder = new TempFolder();
        QwenStyleTokenizer.CopyWith(folder.Path, json => Apply(change, json));

        // Act
        var error = Assert.Throws<InvalidDataException>(() => HfTokenizer.Load(folder.Path));

        // Assert
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigNamesUnknownEosToken_ThrowsNamingConfigFile()
    {
        // Arrange
        using var folder = new TempFolder();
        QwenStyleTokenizer.CopyWith(folder.Path, _ => { }, config => config["eos_token"] = "</s>");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => HfTokenizer.Load(folder.Path));

        // Assert
        Assert.Contains("tokenizer_config.json: $.eos_token: '</s>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoTokenizerJson_ThrowsFileNotFound()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act + Assert
        Assert.Throws<FileNotFoundException>(() => HfTokenizer.Load(folder.Path));
    }

    private static void Apply(string change, JsonObject json)
    {
        var model = json["model"]!.AsObject();
        var sequence = json["pre_tokenizer"]!["pretokenizers"]!.AsArray();
        switch (change)
        {
            case "unigram": model["type"] = "Unigram"; break;
            case "byte_fallback": model["byte_fallback"] = true; break;
            case "metaspace": json["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace" }; break;
            case "whitespace_in_sequence": sequence[0] = new JsonObject { ["type"] = "Whitespace" }; break;
            case "split_only": json["pre_tokenizer"] = sequence[0]!.DeepClone(); break;
            case "split_removed": sequence[0]!["behavior"] = "Removed"; break;
            case "nfkc": json["normalizer"] = new JsonObject { ["type"] = "Sequence", ["normalizers"] = new JsonArray(new JsonObject { ["type"] = "NFKC" }) }; break;
            case "bytes_missing": model["vocab"]!.AsObject().Remove("Ġ"); break;
            case "bad_merge": model["merges"]!.AsArray()[0] = "Ġt"; break;
            case "merge_outside_vocab": model["merges"]!.AsArray().Insert(0, JsonValue.Create("Zq9 Xj7")); break;
            default: throw new ArgumentException(change);
        }
    }
}
