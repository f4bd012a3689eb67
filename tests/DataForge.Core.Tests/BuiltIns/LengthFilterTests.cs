using DataForge.Core.BuiltIns;
using DataForge.Core.Records;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.BuiltIns;

public sealed class LengthFilterTests
{
    private static readonly LengthFilterOptions TwoToFive = new() { MinTokens = 2, MaxTokens = 5 };

    [Fact]
    public async Task Conformance_ShortFittingAndLongRecords_HoldsStepContract()
    {
        // Arrange
        var inputs = Enumerable.Range(0, 30).Select(i => Make(string.Join(' ', Enumerable.Repeat("w", i % 8)), $"r{i}")).ToList();

        // Act + Assert
        await StepConformance.CheckRecordStepAsync(() => new LengthFilter(TwoToFive, new WordTokenCounter()), inputs);
    }

    [Fact]
    public void Constructor_NullOptionsOrCounter_Throws()
    {
        // Arrange + Act + Assert
        StepConformance.CheckRejectsBadOptions(() => new LengthFilter(null!, new WordTokenCounter()));
        StepConformance.CheckRejectsBadOptions(() => new LengthFilter(LengthFilterOptions.Default, null!));
    }

    [Fact]
    public void Constructor_MinAboveMax_Throws()
    {
        // Arrange
        var options = new LengthFilterOptions { MinTokens = 10, MaxTokens = 5 };

        // Act + Assert
        StepConformance.CheckRejectsBadOptions(() => new LengthFilter(options, new WordTokenCounter()));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    public void Options_OutOfRange_AreRefusedWhenTheStepIsBuilt(int min, int max)
    {
        // Arrange
        var options = new LengthFilterOptions { MinTokens = min, MaxTokens = max };

        // Act
        var error = Record.Exception(() => new LengthFilter(options, new WordTokenCounter()));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Contains(min < 0 ? "min_tokens" : "max_tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TooShortFittingAndTooLong_DropsWithReasonAndSetsTokens()
    {
        // Arrange: instruction + output words: 1, 3, 5, 7.
        Sample[] inputs = [Make("one", null), Make("one two", "three"), Make("a b c", "d e"), Make("a b c d", "e f g")];

        // Act
        var run = await StepHarness.RunAsync(new LengthFilter(TwoToFive, new WordTokenCounter()), inputs);

        // Assert
        Assert.Equal([inputs[1].Id, inputs[2].Id], run.Outputs.Select(s => s.Id));
        Assert.Equal(["3", "5"], run.Outputs.Select(s => s.MetaText("tokens")));
        Assert.Equal([("too_short", "1"), ("too_long", "7")], run.Rejects.Select(r => (r.Reason!, r.MetaText("tokens"))));
        Assert.Equal(new Dictionary<string, long> { ["too_long"] = 1, ["too_short"] = 1 }, run.Stats.Dropped);
    }

    [Fact]
    public async Task Run_RecordWithMessages_CountsTheConversation()
    {
        // Arrange
        var sample = TestSamples.WithId(new Sample
        {
            Id = "",
            Instruction = "ignored when messages exist",
            Messages = [new ChatMessage("user", "hi there"), new ChatMessage("assistant", "hello")],
        });

        // Act
        var run = await StepHarness.RunAsync(new LengthFilter(TwoToFive, new WordTokenCounter()), [sample]);

        // Assert
        Assert.Equal("3", Assert.Single(run.Outputs).MetaText("tokens"));
    }

    private static Sample Make(string instruction, string? output)
        => TestSamples.WithId(new Sample { Id = "", Instruction = instruction, Output = output });
}
