using System.Collections.Immutable;
using System.Text.Json;
using DataForge.Core.Quality;
using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;
using static DataForge.Core.Tests.Quality.QualityKit;

namespace DataForge.Core.Tests.Quality;

/// <summary>The report as a whole: typed JSON, rule order, the fields read, the options' checks, the Debian word lists.</summary>
public sealed class QualityReportTests
{
    [Fact]
    public void ToJson_EveryRule_WritesNumbersAsNumbersAndAllFailedRulesInOrder()
    {
        // Arrange: fails dictionary and truncated
        var sample = Pair("Sort the list of numbers.", "Mreak blorf snargle wuzzle the numbers until the sorted list");

        // Act
        var report = Evaluate(sample, QualityFilterOptions.Default);
        using var json = JsonDocument.Parse(report.ToJson());

        // Assert
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("word_count").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("dictionary_words").ValueKind);
        Assert.Equal(JsonValueKind.True, root.GetProperty("truncated").ValueKind);
        Assert.Equal(["dictionary", "truncated"], root.GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(QualityRule.Dictionary, report.FirstFailed);
        Assert.Equal("quality_dictionary", QualityRules.Reason(report.FirstFailed!.Value));
    }

    [Fact]
    public void Evaluate_SkippedRules_AreNeitherMeasuredNorFailed()
    {
        // Arrange
        var sample = Pair("Sort the list of numbers.", "Mreak blorf snargle wuzzle the numbers until the sorted list");
        var options = QualityFilterOptions.Default with { Skip = [QualityRule.Dictionary, QualityRule.Truncated] };

        // Act
        var report = Evaluate(sample, options);

        // Assert
        Assert.Null(report["dictionary_words"]);
        Assert.Null(report["truncated"]);
        Assert.Empty(report.Failed);
    }

    [Fact]
    public void Evaluate_InputField_IsReadOnlyWhenChosen()
    {
        // Arrange: the input is a list of numbers, no prose
        var sample = Pair("Sort these numbers.", "1 2 3 4 5 6 7 8 9", input: "9 8 7 6 5 4 3 2 1");
        var withInput = Only(QualityRule.WordCount) with { Fields = [QualityField.Instruction, QualityField.Input, QualityField.Output] };

        // Act
        var without = Evaluate(sample, Only(QualityRule.WordCount));
        var with = Evaluate(sample, withInput);

        // Assert
        Assert.Equal(12L, without["word_count"]);
        Assert.Equal(21L, with["word_count"]);
    }

    [Fact]
    public void Evaluate_Messages_ReadsEveryTurnAndTheLastAssistantAnswer()
    {
        // Arrange
        var sample = new Sample
        {
            Id = "c",
            Messages = ImmutableArray.Create(new ChatMessage("user", "Explain how water boils."), new ChatMessage("assistant", "Heat raises the temperature until the water")),
        };
        var options = QualityFilterOptions.Default with { Fields = [QualityField.Messages], Skip = [QualityRule.Dictionary] };

        // Act
        var report = Evaluate(sample, options);

        // Assert
        Assert.Equal(11L, report["word_count"]);
        Assert.Equal([QualityRule.Truncated], report.Failed);
    }

    [Fact]
    public void Evaluate_CodeRecord_TakesOnlyTheTextAroundTheFencesAsProse()
    {
        // Arrange
        var sample = Pair("Write a function that returns the sum.", "```python\ndef total(xs):\n    return sum(xs)\n```\nIt returns the sum of the list.", language: "python");

        // Act
        var report = Evaluate(sample, Only(QualityRule.WordCount));

        // Assert
        Assert.Equal(14L, report["word_count"]);
    }

    [Theory]
    [InlineData("min_words")]
    [InlineData("min_mean_word_length")]
    [InlineData("fields")]
    [InlineData("dictionary")]
    public void Check_InconsistentOptions_NamesTheKey(string key)
    {
        // Arrange
        var options = key switch
        {
            "min_words" => QualityFilterOptions.Default with { MinWords = 10, MaxWords = 5 },
            "min_mean_word_length" => QualityFilterOptions.Default with { MinMeanWordLength = 9, MaxMeanWordLength = 3 },
            "fields" => QualityFilterOptions.Default with { Fields = [] },
            _ => QualityFilterOptions.Default with { Dictionary = [] },
        };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal(key, problem?.Key);
    }

    [Fact]
    public void Load_MissingWordList_SaysHowToInstallIt()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var error = Assert.Throws<FileNotFoundException>(() => WordList.Load([temp.Combine("words")]));

        // Assert
        Assert.Contains("wamerican", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DebianWordListsOnTheInstructionSeeds_KeepAtLeast95Percent()
    {
        // Arrange: the default word lists (./dataforge installs wamerican and wbritish) and the human-written seeds
        var dictionary = WordList.Load(QualityFilterOptions.DefaultDictionary);
        var evaluator = new QualityEvaluator(QualityFilterOptions.Default, dictionary, ["en"]);
        var seeds = Directory.GetFiles(RepoPaths.Combine("seeds", "instructions"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => Pair(e.GetProperty("instruction").GetString()!, e.GetProperty("output").GetString()!, e.GetProperty("input").GetString()))
            .ToList();

        // Act
        var kept = seeds.Count(s => evaluator.Evaluate(s).Failed.Count == 0);

        // Assert
        Assert.True(dictionary.Count > 100_000, $"{dictionary.Count} words");
        Assert.True(kept >= 0.95 * seeds.Count, $"{kept} of {seeds.Count} seeds kept");
    }
}
