using System.Collections.Immutable;
using DataForge.Core.BuiltIns;
using DataForge.Core.Records;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.BuiltIns;

public sealed class DedupExactFilterTests
{
    private static readonly DedupExactOptions Small = new() { ExpectedRecords = 16 };

    [Fact]
    public async Task Conformance_MixedDuplicates_HoldsStepContract()
    {
        // Arrange
        var inputs = TestSamples.Range(40).Concat(TestSamples.Range(20)).Concat(TestSamples.Range(40)).ToList();

        // Act + Assert
        await StepConformance.CheckFilterAsync(() => new DedupExactFilter(Small), inputs);
    }

    [Fact]
    public void Constructor_NullOptions_Throws()
    {
        // Arrange + Act + Assert
        StepConformance.CheckRejectsBadOptions(() => new DedupExactFilter(null!));
    }

    [Fact]
    public void Options_ZeroExpectedRecords_AreRefusedWhenTheStepIsBuilt()
    {
        // Arrange
        var options = new DedupExactOptions { ExpectedRecords = 0 };

        // Act
        var error = Record.Exception(() => new DedupExactFilter(options));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Contains("expected_records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CaseAndWhitespaceVariants_KeepsFirstAndDropsRestAsDuplicate()
    {
        // Arrange
        Sample[] inputs =
        [
            Make("Write a haiku about  rain", "Drops on the tin roof"),
            Make("write A HAIKU about rain", "drops on the tin roof"),
            Make("  Write a haiku\tabout\n rain  ", "  Drops on   the tin roof\n"),
            Make("Write a haiku about snow", "Drops on the tin roof"),
        ];

        // Act
        var run = await StepHarness.RunAsync(new DedupExactFilter(Small), inputs);

        // Assert
        Assert.Equal([inputs[0].Id, inputs[3].Id], run.Outputs.Select(s => s.Id));
        Assert.Equal([inputs[1].Id, inputs[2].Id], run.Rejects.Select(s => s.Id));
        Assert.All(run.Rejects, r => Assert.Equal("duplicate", r.Reason));
        Assert.Equal(2, run.Stats.Dropped["duplicate"]);
    }

    [Fact]
    public async Task Run_SameTextInDifferentFields_IsNotDuplicate()
    {
        // Arrange
        Sample[] inputs =
        [
            TestSamples.WithId(new Sample { Id = "", Instruction = "a b", Output = "c" }),
            TestSamples.WithId(new Sample { Id = "", Instruction = "a", Output = "b c" }),
            TestSamples.WithId(new Sample { Id = "", Instruction = "a b", Input = "c" }),
        ];

        // Act
        var run = await StepHarness.RunAsync(new DedupExactFilter(Small), inputs);

        // Assert
        Assert.Equal(3, run.Outputs.Count);
    }

    [Fact]
    public async Task Run_DifferentMessages_AreNotDuplicates()
    {
        // Arrange
        Sample[] inputs =
        [
            WithMessages(("user", "Hi"), ("assistant", "Hello!")),
            WithMessages(("user", "Hi"), ("assistant", "Goodbye!")),
            WithMessages(("user", "hi "), ("assistant", "HELLO!")),
        ];

        // Act
        var run = await StepHarness.RunAsync(new DedupExactFilter(Small), inputs);

        // Assert
        Assert.Equal([inputs[0].Id, inputs[1].Id], run.Outputs.Select(s => s.Id));
        Assert.Equal("duplicate", Assert.Single(run.Rejects).Reason);
    }

    [Fact]
    public async Task Run_MoreRecordsThanExpected_StillFindsEveryDuplicate()
    {
        // Arrange
        var distinct = TestSamples.Range(3000);
        var inputs = distinct.Concat(distinct).ToList();

        // Act
        var run = await StepHarness.RunAsync(new DedupExactFilter(Small), inputs, capacity: 64);

        // Assert
        Assert.Equal(distinct.Select(s => s.Id), run.Outputs.Select(s => s.Id));
        Assert.Equal(3000, run.Stats.Dropped["duplicate"]);
    }

    private static Sample Make(string instruction, string output)
        => TestSamples.WithId(new Sample { Id = "", Instruction = instruction, Output = output });

    private static Sample WithMessages(params (string Role, string Content)[] turns)
        => TestSamples.WithId(new Sample { Id = "", Messages = [.. turns.Select(t => new ChatMessage(t.Role, t.Content))] });
}
