using DataForge.Core.Quality;
using Xunit;
using static DataForge.Core.Tests.Quality.QualityKit;

namespace DataForge.Core.Tests.Quality;

/// <summary>word_count, mean_word_length, non_letter_words and symbol_ratio: a clean, a borderline and a failing case each.</summary>
public sealed class WordRulesTests
{
    [Theory]
    [InlineData("Sort the numbers in ascending order.", "The sorted list is 1, 2, 3.", false)] // clean
    [InlineData("Capital of France?", "", false)] // borderline: exactly min_words (3)
    [InlineData("Hi.", "Hello.", true)] // failing: 2 words
    public void WordCount_Pairs_FailBelowMinWords(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.WordCount, sample);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Fact]
    public void WordCount_RunawayAnswer_FailsAboveMaxWords()
    {
        // Arrange
        var sample = Pair("Write a list.", string.Join(' ', Enumerable.Repeat("item", 10_000)));

        // Act
        var report = Evaluate(sample, Only(QualityRule.WordCount));

        // Assert
        Assert.Equal(10_003L, report["word_count"]);
        Assert.Contains(QualityRule.WordCount, report.Failed);
    }

    [Fact]
    public void WordCount_FencedCodeAndUrls_AreNotProse()
    {
        // Arrange: the code block and the link add no words
        var sample = Pair("Reverse a string.", "```python\ndef rev(s):\n    return s[::-1]\n```\nSee https://docs.python.org/3/library/stdtypes.html");

        // Act
        var report = Evaluate(sample, Only(QualityRule.WordCount));

        // Assert
        Assert.Equal(4L, report["word_count"]);
    }

    [Theory]
    [InlineData("Explain why water boils at one hundred degrees.", "Because of the pressure at sea level.", false)] // clean (about 5)
    [InlineData("Is it so?", "It is so.", false)] // borderline: mean exactly 2
    [InlineData("a b c d", "e f g", true)] // failing: mean 1
    [InlineData("Antidisestablishmentarianism supercalifragilisticexpialidocious", "Pneumonoultramicroscopicsilicovolcanoconiosis.", true)] // failing: mean above 12
    public void MeanWordLength_Pairs_FailOutsideTheRange(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.MeanWordLength, sample);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Theory]
    [InlineData("What is 15% of 240?", "10% of 240 is 24 and 5% is 12, so 15% is 24 + 12 = 36.", false)] // clean: arithmetic answer, about 0.5
    [InlineData("Sum 1 2 3 4", "", false)] // borderline: 4 of 5 words without a letter, exactly 0.8
    [InlineData("x", "1 2 3 4 5 6 = 21", true)] // failing: 8 of 9
    public void NonLetterWords_Pairs_FailAboveTheShare(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.NonLetterWords, sample);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Theory]
    [InlineData("Explain C# records.", "## Records\n\nA record in C# or F# is a type with value equality.", false)] // clean: heading marks and language names do not count
    [InlineData("Tag this post.", "The tag is #travel for this post.", false)] // borderline: 1 in 10 words, exactly 0.1
    [InlineData("Tags?", "#a #b #c and so on...", true)] // failing: 4 symbols in 7 words
    public void SymbolRatio_Pairs_FailAboveTheRatio(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.SymbolRatio, sample);

        // Assert
        Assert.Equal(fails, failed);
    }
}
