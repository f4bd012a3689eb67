using DataForge.Core.Quality;
using Xunit;
using static DataForge.Core.Tests.Quality.QualityKit;

namespace DataForge.Core.Tests.Quality;

/// <summary>stop_words, dictionary and script: a clean, a borderline and a failing case each, and how the run's languages switch them.</summary>
public sealed class LanguageRulesTests
{
    [Theory]
    [InlineData("Explain why the cat sat on the mat.", "It was warm.", false)] // clean: 6
    [InlineData("Sort the numbers", "Sorted in order: 4 7 9", false)] // borderline: exactly 2 ("the", "in")
    [InlineData("Sort numbers: 9 4 7", "4 7 9", true)] // failing: none
    public void StopWords_Pairs_FailBelowTheCount(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.StopWords, sample);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Fact]
    public void StopWords_ExactlyTheMinimum_Passes()
    {
        // Arrange: "the" and "in" are the only function words
        var sample = Pair("Sort the numbers", "Sorted in order: 4 7 9");

        // Act
        var report = Evaluate(sample, Only(QualityRule.StopWords));

        // Assert
        Assert.Equal(2L, report["stop_words"]);
        Assert.Empty(report.Failed);
    }

    [Fact]
    public void StopWordsAndDictionary_RunWithoutEnglish_AreNotApplied()
    {
        // Arrange
        var sample = Pair("Sortiere die Zahlen aufsteigend.", "Die sortierte Liste ist 1, 2, 3.");

        // Act
        var report = Evaluate(sample, QualityFilterOptions.Default, "de");

        // Assert
        Assert.Null(report["stop_words"]);
        Assert.Null(report["dictionary_words"]);
        Assert.DoesNotContain(QualityRule.StopWords, report.Failed);
    }

    [Theory]
    [InlineData("Sort the numbers in ascending order.", "The sorted list is the answer.", false)] // clean: 1.0
    [InlineData("Sort the list.", "The blorf answer.", false)] // borderline: 5 of 6 plain words (0.83)
    [InlineData("Sort the list.", "Mreak blorf snargle wuzzle.", true)] // failing: 3 of 7
    [InlineData("Give the JSON and CSV answer.", "The answer is the list.", false)] // acronyms are not looked up
    public void Dictionary_Pairs_FailBelowTheShare(string instruction, string output, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Fails(QualityRule.Dictionary, sample);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Fact]
    public void Dictionary_ExactlyTheShare_Passes()
    {
        // Arrange: 4 of 5 plain words are listed
        var sample = Pair("Sort the list.", "Blorf numbers.");

        // Act
        var report = Evaluate(sample, Only(QualityRule.Dictionary));

        // Assert
        Assert.Equal(0.8, report["dictionary_words"]);
        Assert.Empty(report.Failed);
    }

    [Theory]
    [InlineData("Sort the numbers.", "The list is 1, 2, 3.", "en", false)] // clean
    [InlineData("What does спасибо mean in English?", "It means thank you, a warm word of thanks.", "en", false)] // borderline: a quoted Russian word
    [InlineData("Что такое фотосинтез?", "Это процесс, при котором растения превращают свет в энергию.", "en", true)] // failing: Cyrillic in an English run
    [InlineData("Что такое фотосинтез?", "Это процесс, при котором растения превращают свет в энергию.", "ru", false)] // the same in a Russian run
    public void Script_Pairs_FailOutsideTheRunsScripts(string instruction, string output, string language, bool fails)
    {
        // Arrange
        var sample = Pair(instruction, output);

        // Act
        var failed = Evaluate(sample, Only(QualityRule.Script), language).Failed.Contains(QualityRule.Script);

        // Assert
        Assert.Equal(fails, failed);
    }

    [Fact]
    public void Constructor_LanguageWithoutKnownScript_IsRefusedNamingIt()
    {
        // Arrange + Act
        var error = Assert.Throws<ArgumentException>(() => new QualityEvaluator(QualityFilterOptions.Default, Words, ["xx"]));

        // Assert
        Assert.Contains("'xx'", error.Message, StringComparison.Ordinal);
    }
}
