using DataForge.Core.BuiltIns;
using DataForge.Core.Records;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.BuiltIns;

public sealed class RegexFilterTests
{
    private static readonly RegexFilterOptions DropRefusals = new() { Pattern = @"\bas an ai\b", IgnoreCase = true, Field = RegexFilterField.Output };

    [Fact]
    public async Task Conformance_MatchingAndOtherRecords_HoldsStepContract()
    {
        // Arrange
        var inputs = Enumerable.Range(0, 30)
            .Select(i => Make($"question {i}", i % 3 == 0 ? $"As an AI, I cannot answer {i}." : $"Answer {i}."))
            .ToList();

        // Act + Assert
        await StepConformance.CheckFilterAsync(() => new RegexFilter(DropRefusals), inputs);
    }

    [Fact]
    public void Constructor_NullOptionsOrMissingPattern_Throws()
    {
        // Arrange + Act + Assert
        StepConformance.CheckRejectsBadOptions(() => new RegexFilter(null!));
        StepConformance.CheckRejectsBadOptions(() => new RegexFilter(new RegexFilterOptions()));
    }

    [Fact]
    public void Constructor_InvalidPattern_IsRefusedNamingThePattern()
    {
        // Arrange
        var options = new RegexFilterOptions { Pattern = "(unclosed" };

        // Act
        var error = Record.Exception(() => new RegexFilter(options));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.StartsWith("pattern:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(unclosed", true)]
    [InlineData("", true)]
    [InlineData(@"^\d+$", false)]
    [InlineData(null, false)]
    public void Check_Pattern_ReportsOnlyInvalidOrEmptyOnes(string? pattern, bool reported)
    {
        // Arrange
        var options = new RegexFilterOptions { Pattern = pattern };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal(reported, problem is { Key: "pattern" });
    }

    [Fact]
    public async Task Run_DropMode_DropsMatchesAsRegexMatch()
    {
        // Arrange
        Sample[] inputs = [Make("a", "As an AI, I cannot."), Make("b", "Sure: 42."), Make("c", "AS AN AI model...")];

        // Act
        var run = await StepHarness.RunAsync(new RegexFilter(DropRefusals), inputs);

        // Assert
        Assert.Equal([inputs[1].Id], run.Outputs.Select(s => s.Id));
        Assert.Equal(["regex_match", "regex_match"], run.Rejects.Select(r => r.Reason!));
        Assert.Equal(0, run.Stats.Errors);
    }

    [Fact]
    public async Task Run_KeepMode_DropsRecordsThatDoNotMatchAsRegexNoMatch()
    {
        // Arrange
        var options = new RegexFilterOptions { Pattern = "```python", Mode = RegexFilterMode.Keep, Field = RegexFilterField.Output };
        Sample[] inputs = [Make("a", "```python\nprint(1)\n```"), Make("b", "no code"), Make("```python", "the code is in the instruction")];

        // Act
        var run = await StepHarness.RunAsync(new RegexFilter(options), inputs);

        // Assert
        Assert.Equal([inputs[0].Id], run.Outputs.Select(s => s.Id));
        Assert.Equal(["regex_no_match", "regex_no_match"], run.Rejects.Select(r => r.Reason!));
    }

    [Fact]
    public async Task Run_CaseSensitiveByDefault_KeepsOtherCase()
    {
        // Arrange
        var options = new RegexFilterOptions { Pattern = "TODO" };

        // Act
        var run = await StepHarness.RunAsync(new RegexFilter(options), [Make("a", "todo: later"), Make("b", "TODO: later")]);

        // Assert
        Assert.Equal("todo: later", Assert.Single(run.Outputs).Output);
    }

    [Fact]
    public void TextOf_TextField_JoinsEveryFieldAndTheMessages()
    {
        // Arrange
        var sample = new Sample
        {
            Id = "x",
            Instruction = "i",
            Input = "",
            Output = "o",
            Messages = [new ChatMessage("user", "u"), new ChatMessage("assistant", "a")],
        };

        // Act
        var text = RegexFilter.TextOf(sample, RegexFilterField.Text);

        // Assert
        Assert.Equal("i\no\nu\na", text);
    }

    [Fact]
    public async Task Run_CatastrophicPattern_RejectsAsRegexTimeoutError()
    {
        // Arrange: nested quantifiers backtrack exponentially on a long near-match.
        var options = new RegexFilterOptions { Pattern = @"^(\w+\s?)*$", Field = RegexFilterField.Output };
        var sample = Make("a", string.Concat(Enumerable.Repeat("word ", 40)) + "!");

        // Act
        var run = await StepHarness.RunAsync(new RegexFilter(options), [sample]);

        // Assert
        Assert.Equal("regex_timeout", Assert.Single(run.Rejects).Reason);
        Assert.Equal(1, run.Stats.Errors);
    }

    private static Sample Make(string instruction, string output)
        => TestSamples.WithId(new Sample { Id = "", Instruction = instruction, Output = output });
}
