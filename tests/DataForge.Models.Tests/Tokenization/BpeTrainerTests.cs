using System.Text.Json.Nodes;
using DataForge.Models.Tokenization;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    private static readonly BpeTrainerOptions Small = new() { VocabularySize = 1000 };

    [Fact]
    public void Train_EqualCounts_BreaksTiesByOrdinalSpelling()
    {
        // Arrange: "xy" and " zw" twice each; (x,y), (Ġ,z) and (z,w) all count 2, and 'x' < 'z' < 'Ġ'.
        var options = new BpeTrainerOptions { VocabularySize = 256 + 3 + 3 };

        // Act
        var bpe = BpeTrainer.Train(["xy zw", "xy zw"], options);

        // Assert
        Assert.Equal([("x", "y"), ("z", "w"), ("Ġ", "zw")], bpe.Merges);
        Assert.Equal(262, bpe.VocabularySize);
    }

    [Fact]
    public void Train_PairsBelowMinFrequency_AreNotMerged()
    {
        // Arrange
        var options = new BpeTrainerOptions { VocabularySize = 300, MinFrequency = 3 };

        // Act
        var bpe = BpeTrainer.Train(["xy zw", "xy zw"], options);

        // Assert
        Assert.Empty(bpe.Merges);
        Assert.Equal(256 + 3, bpe.VocabularySize);
    }

    [Fact]
    public void Train_SpecialTokensInCorpus_AreNotLearned()
    {
        // Arrange: without cutting, "<|" would be the most frequent pair.
        var corpus = Enumerable.Repeat("<|im_start|><|im_end|><|endoftext|>ab", 5);

        // Act
        var bpe = BpeTrainer.Train(corpus, new BpeTrainerOptions { VocabularySize = 300 });

        // Assert
        Assert.Equal([("a", "b")], bpe.Merges);
    }

    [Fact]
    public void Train_Twice_SavesIdenticalFiles()
    {
        // Arrange
        var corpus = SampleTexts.Corpus(200_000);
        using var first = new TempFolder();
        using var second = new TempFolder();

        // Act
        BpeTrainer.Train(corpus, Small).Save(first.Path, ChatFormatKind.ChatMl);
        BpeTrainer.Train(corpus.AsEnumerable(), Small).Save(second.Path, ChatFormatKind.ChatMl);

        // Assert
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, name)), File.ReadAllBytes(Path.Combine(second.Path, name)));
        }
    }

    [Fact]
    public void Save_ThenLoad_HonoursSizeAndGivesSpecialsTheHighestIds()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var bpe = BpeTrainer.Train(SampleTexts.Corpus(200_000), Small);
        bpe.Save(folder.Path, ChatFormatKind.ChatMl, modelMaxLength: 1024);
        var tokenizer = HfTokenizer.Load(folder.Path);

        // Assert
        Assert.Equal(1000, bpe.VocabularySize);
        Assert.Equal(1000, tokenizer.VocabularySize);
        Assert.Equal([997], tokenizer.Encode("<|endoftext|>", allowSpecial: true));
        Assert.Equal([998, 999], tokenizer.Encode("<|im_start|><|im_end|>", allowSpecial: true));
        Assert.Equal(999, tokenizer.EosId);
        Assert.Equal(997, tokenizer.PadId);
        Assert.Null(tokenizer.BosId);
        Assert.False(tokenizer.AddBos);
        Assert.Equal(1024, tokenizer.ModelMaxLength);
        Assert.Equal(ChatFormatKind.ChatMl, ChatFormat.Detect(tokenizer.ChatTemplate));
    }

    [Fact]
    public void Save_WritesTheHuggingFaceLayout()
    {
        // Arrange
        using var folder = new TempFolder();
        BpeTrainer.Train(SampleTexts.Corpus(20_000), new BpeTrainerOptions { VocabularySize = 400 }).Save(folder.Path, ChatFormatKind.ChatMl);

        // Act
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "tokenizer.json")))!;

        // Assert
        Assert.Equal("1.0", (string?)json["version"]);
        Assert.Null(json["normalizer"]);
        Assert.Equal("ByteLevel", (string?)json["pre_tokenizer"]!["type"]);
        Assert.True((bool)json["pre_tokenizer"]!["use_regex"]!);
        Assert.False((bool)json["pre_tokenizer"]!["add_prefix_space"]!);
        Assert.Equal("BPE", (string?)json["model"]!["type"]);
        Assert.False((bool)json["model"]!["byte_fallback"]!);
        Assert.Equal(400, json["model"]!["vocab"]!.AsObject().Count);
        Assert.Equal(400 - 256 - 3, json["model"]!["merges"]!.AsArray().Count);
        Assert.All(json["added_tokens"]!.AsArray(), t => Assert.True((bool)t!["special"]!));
    }

    [Theory]
    [InlineData("Café déjà vu — naïve crème brûlée; Zürich.")]
    [InlineData("😀🎉👩‍👩‍👧‍👦 🇫🇷 日本語 中文 한국어")]
    [InlineData("def f(x):\n\treturn x  # tab\r\n\n    if y:\n\t\tpass\n")]
    [InlineData("  spaces   everywhere  ")]
    public void Save_ThenLoad_RoundTripsText(string text)
    {
        // Arrange
        using var folder = new TempFolder();
        BpeTrainer.Train(SampleTexts.Corpus(100_000), Small).Save(folder.Path, ChatFormatKind.ChatMl);
        var tokenizer = HfTokenizer.Load(folder.Path);

        // Act
        var ids = tokenizer.Encode(text);

        // Assert
        Assert.Equal(text, tokenizer.Decode(ids));
        TokenSpanAssert.CoverExactly(text, tokenizer.EncodeWithOffsets(text));
    }

    [Fact]
    public void Train_AboutOneMegabyte_FillsA4096Vocabulary()
    {
        // Arrange
        var corpus = SampleTexts.Corpus(1_000_000);
        using var folder = new TempFolder();

        // Act
        var bpe = BpeTrainer.Train(corpus, BpeTrainerOptions.Default);
        bpe.Save(folder.Path, ChatFormatKind.ChatMl);
        var tokenizer = HfTokenizer.Load(folder.Path);

        // Assert
        Assert.Equal(4096, tokenizer.VocabularySize);
        var sample = string.Concat(corpus.Take(20));
        var ids = tokenizer.Encode(sample);
        Assert.True(ids.Length * 3 < sample.Length, $"{ids.Length} tokens for {sample.Length} chars");
        Assert.Equal(sample, tokenizer.Decode(ids));
    }

    [Fact]
    public void Save_Llama3WithoutItsSpecials_Throws()
    {
        // Arrange
        var bpe = BpeTrainer.Train(["ab ab"], new BpeTrainerOptions { VocabularySize = 300 });
        using var folder = new TempFolder();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => bpe.Save(folder.Path, ChatFormatKind.Llama3));

        // Assert
        Assert.Contains("<|eot_id|>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Llama3WithItsSpecials_LoadsAsLlama3()
    {
        // Arrange
        var options = new BpeTrainerOptions { VocabularySize = 300, SpecialTokens = ChatFormat.Llama3.SpecialTokens };
        using var folder = new TempFolder();

        // Act
        BpeTrainer.Train(["ab ab"], options).Save(folder.Path, ChatFormatKind.Llama3);
        var tokenizer = HfTokenizer.Load(folder.Path);

        // Assert
        Assert.Equal(ChatFormatKind.Llama3, ChatFormat.Detect(tokenizer.ChatTemplate));
        Assert.Equal(tokenizer.IdOf("<|begin_of_text|>"), tokenizer.BosId);
        Assert.Equal(tokenizer.IdOf("<|eot_id|>"), tokenizer.EosId);
    }

    [Fact]
    public void Train_SizeTooSmallForSpecials_Throws()
    {
        // Arrange
        var options = new BpeTrainerOptions { VocabularySize = 258 };

        // Act + Assert
        Assert.Throws<ArgumentException>(() => BpeTrainer.Train(["ab"], options));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpeTrainerOptions { VocabularySize = 256 });
        Assert.Throws<ArgumentException>(() => new BpeTrainerOptions { SpecialTokens = ["<a>", "<a>"] });
    }
}
