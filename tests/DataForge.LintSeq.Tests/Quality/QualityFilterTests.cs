using System.Text.Json;
using DataForge.Core.Diagnostics;
using DataForge.Core.Quality;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Quality;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Quality;

/// <summary>The quality-filter step through the engine: drop reasons, meta.quality, the parse rule with the real Python worker and Roslyn.</summary>
public sealed class QualityFilterTests
{
    private const string Clean = "Water boils at 100 degrees Celsius at sea level, because the vapour pressure then equals the air pressure.";

    [Fact]
    public async Task Run_MixedRecords_DropsByTheFirstFailingRuleAndKeepsTheValues()
    {
        // Arrange
        Sample[] inputs =
        [
            Pair("a", "Why does water boil at 100 degrees?", Clean),
            Pair("b", "Why does water boil at 100 degrees?", "Mreak record only it to sended a whole directly will not thered comvel iive duients"),
            Pair("c", "Why does water boil at 100 degrees?", "At sea level the air pressure is high enough that the water"),
        ];

        // Act
        var result = await StepHarness.RunAsync(Filter(QualityFilterOptions.Default), inputs);

        // Assert
        var kept = Assert.Single(result.Outputs);
        Assert.Equal("a", kept.Id);
        Assert.Equal(0, Quality(kept).GetProperty("failed").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, Quality(kept).GetProperty("dictionary_words").ValueKind);
        Assert.Equal("quality_dictionary", result.Rejects.Single(r => r.Id == "b").Reason);
        Assert.Equal("quality_truncated", result.Rejects.Single(r => r.Id == "c").Reason);
        Assert.Equal("truncated", Quality(result.Rejects.Single(r => r.Id == "c")).GetProperty("failed")[0].GetString());
    }

    [Fact]
    public async Task Run_DropFalse_KeepsEveryRecordWithItsFailedRules()
    {
        // Arrange
        Sample[] inputs = [Pair("c", "Why does water boil at 100 degrees?", "At sea level the air pressure is high enough that the water")];

        // Act
        var result = await StepHarness.RunAsync(Filter(QualityFilterOptions.Default with { Drop = false }), inputs);

        // Assert
        var kept = Assert.Single(result.Outputs);
        Assert.Empty(result.Rejects);
        Assert.Equal("truncated", Quality(kept).GetProperty("failed")[0].GetString());
    }

    [Theory]
    [InlineData("python", "def total(xs):\n    return sum(xs)\n", true)]
    [InlineData("python", "Here it is:\n```python\ndef total(xs):\n    return sum(xs\n```\nIt adds the numbers.", false)]
    [InlineData("csharp", "static int Total(int[] xs) => xs.Sum();\n", true)]
    [InlineData("csharp", "static int Total(int[] xs) { return xs.Sum(;\n", false)]
    public async Task Run_CodeRecord_ParsesWithTheLanguagesParser(string language, string program, bool parses)
    {
        // Arrange
        var sample = Pair("p", "Write a function that returns the sum of a list of numbers.", program) with { Language = language };

        // Act
        var result = await StepHarness.RunAsync(Filter(QualityFilterOptions.Default), [sample]);

        // Assert
        var record = Assert.Single(result.Outputs.Concat(result.Rejects));
        Assert.Equal(parses, Quality(record).GetProperty("parses").GetBoolean());
        Assert.Equal(parses ? null : "quality_parses", record.Reason);
        Assert.Equal(!parses, Quality(record).TryGetProperty("parse_error", out var error) && error.GetString()!.StartsWith("line ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conformance_MixedRecords_HoldsTheStepContract()
    {
        // Arrange
        var inputs = Enumerable.Range(0, 12)
            .Select(i => Pair($"r{i}", $"Why does water boil at {i} degrees?", i % 3 == 0 ? "Mreak thered comvel iive duients snargle" : Clean))
            .ToList();

        // Act
        var result = await StepConformance.CheckRecordStepAsync(() => Filter(QualityFilterOptions.Default), inputs);

        // Assert
        Assert.Equal(4, result.Rejects.Count);
    }

    [Fact]
    public void Create_MissingWordList_IsAConfigErrorNamingTheStepAndTheFile()
    {
        // Arrange
        using var temp = new TempFolder();
        var options = QualityFilterOptions.Default with { Dictionary = ["missing-words"] };

        // Act
        var error = Assert.Throws<DataForgeConfigException>(() => QualityFilter.Create(options, new Context(temp.Path, ["en"])));

        // Assert
        Assert.Contains("step 'quality'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing-words", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RunInRussian_ChecksCyrillicAndNeedsNoWordList()
    {
        // Arrange: no word list exists, and a Russian run does not ask for one
        using var temp = new TempFolder();
        var step = QualityFilter.Create(QualityFilterOptions.Default with { Dictionary = ["missing-words"] }, new Context(temp.Path, ["ru"]));
        Sample[] inputs = [Pair("ru", "Что такое фотосинтез?", "Это процесс, при котором растения превращают свет в энергию."), Pair("en", "What is photosynthesis?", Clean)];

        // Act
        var result = await StepHarness.RunAsync(step, inputs);

        // Assert
        Assert.Equal("ru", Assert.Single(result.Outputs).Id);
        Assert.Equal("quality_script", Assert.Single(result.Rejects).Reason);
    }

    private static QualityFilter Filter(QualityFilterOptions options)
        => new(options, new QualityEvaluator(options, WordList.Load(options.Dictionary), ["en"]), new CodeParser(new PythonLinterOptions { WorkerCount = 1 }, null, null));

    private static Sample Pair(string id, string instruction, string output) => new() { Id = id, Instruction = instruction, Output = output };

    private static JsonElement Quality(Sample sample) => sample.Meta["quality"];

    private sealed class Context(string directory, IReadOnlyList<string> languages) : IStepBuildContext
    {
        public string StepName => "quality";

        public string RunId => "run";

        public long Seed => 1;

        public long? Limit => null;

        public string PipelineDirectory => directory;

        public string DataDirectory => Path.Combine(directory, "data");

        public IResultCache? Cache => null;

        public ITokenCounter TokenCounter { get; } = new WordTokenCounter();

        public IReadOnlyList<string> Languages => languages;

        public ILanguageModel Model(string name) => throw new KeyNotFoundException(name);

        public string ResolvePath(string path) => Path.GetFullPath(path, directory);
    }
}
