using DataForge.Core.Quality;
using Xunit;
using static DataForge.Core.Tests.Quality.QualityKit;

namespace DataForge.Core.Tests.Quality;

/// <summary>repetition and truncated: a clean, a borderline and a failing case each.</summary>
public sealed class RepetitionAndTruncationTests
{
    [Fact]
    public void Repetition_VariedAnswer_PassesWithEveryValueReported()
    {
        // Arrange
        var sample = Pair("Explain how water boils.", "Heat raises the temperature of the water.\nAt sea level it boils at 100 degrees Celsius.\nHigher up, lower pressure lets it boil sooner.");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Repetition));

        // Assert
        Assert.Empty(report.Failed);
        Assert.Equal(0.0, report["duplicate_lines"]);
        Assert.Equal(0.0, report["duplicate_10gram"]);
        Assert.Equal(13, report.Values.Count);
    }

    [Fact]
    public void Repetition_ArithmeticWithRepeatedNumbers_IsNotRepetition()
    {
        // Arrange: numbers repeat in any worked answer; the n-grams count words with a letter only
        var sample = Pair("What is 2 + 2 + 2?", "2 + 2 = 4, and 4 + 2 = 6, so 2 + 2 + 2 = 6.");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Repetition));

        // Assert
        Assert.Empty(report.Failed);
    }

    [Fact]
    public void Repetition_OnePhraseTwiceInAShortAnswer_IsNotMeasured()
    {
        // Arrange: "the list" twice in 12 words would be 0.27 of the characters, over Gopher's 0.20; n-grams count from 50 words
        var sample = Pair("Sort it.", "First sort the list, then reverse the list and return each item.");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Repetition));

        // Assert
        Assert.Equal(0.0, report["top_2gram"]);
        Assert.Empty(report.Failed);
    }

    [Fact]
    public void Repetition_PhraseRepeatedInALongAnswer_PassesUnderGophersBound()
    {
        // Arrange: borderline — 50 words, "the list" three times
        var words = string.Join(' ', Enumerable.Range(0, 44).Select(i => $"word{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}"));
        var sample = Pair("Sort it.", $"Sort the list, reverse the list, print the list. {words}");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Repetition));

        // Assert
        Assert.InRange((double)report["top_2gram"]!, 0.05, 0.2);
        Assert.Empty(report.Failed);
    }

    [Theory]
    [InlineData("Water boils at 100 degrees.\nWater boils at 100 degrees.\nWater boils at 100 degrees.")] // duplicate lines
    [InlineData("The answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is the answer is")] // a loop of 51 words: top and duplicate n-grams
    public void Repetition_DegenerateAnswer_Fails(string output)
    {
        // Arrange
        var sample = Pair("Explain boiling.", output);

        // Act
        var failed = Fails(QualityRule.Repetition, sample);

        // Assert
        Assert.True(failed);
    }

    [Theory]
    [InlineData("Water boils at 100 degrees Celsius at sea level.")] // clean
    [InlineData("1. Spanish\n2. German\n3. Swedish")] // borderline: a list item ends without a full stop
    [InlineData("- [ ] Meet the neighbours and find the nearest supermarket")] // borderline: a long list item
    [InlineData("Thanks for the quick reply.\n\nCheers,\nSam")] // a signature
    [InlineData("| Owner | Task |\n|---|---|\n| Kofi | Budget |")] // a table row
    [InlineData("```json\n{\"a\": 1}\n```")] // a closed code block
    [InlineData("Positive")] // a one-word label
    public void Truncated_AnswersThatEndProperly_Pass(string output)
    {
        // Arrange
        var sample = Pair("Answer.", output);

        // Act
        var report = Evaluate(sample, Only(QualityRule.Truncated));

        // Assert
        Assert.Equal(false, report["truncated"]);
    }

    [Theory]
    [InlineData("Heat raises the temperature until the water")] // prose cut mid-sentence
    [InlineData("Use this:\n```python\ndef f(x):\n    return")] // inside a code fence
    [InlineData("The main reasons are speed, cost,")] // a trailing connector
    [InlineData("It depends on the pressure (at sea level")] // an open bracket
    [InlineData("The key point is **pressure")] // open emphasis
    public void Truncated_AnswersCutMidSentence_Fail(string output)
    {
        // Arrange
        var sample = Pair("Explain boiling.", output);

        // Act
        var failed = Fails(QualityRule.Truncated, sample);

        // Assert
        Assert.True(failed);
    }

    [Fact]
    public void Truncated_ProgramOfACodeRecord_IsLeftToTheParseRule()
    {
        // Arrange
        var sample = Pair("Write a function.", "def f(x):\n    return (x", language: "python");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Truncated));

        // Assert
        Assert.Null(report["truncated"]);
        Assert.Empty(report.Failed);
    }
}
