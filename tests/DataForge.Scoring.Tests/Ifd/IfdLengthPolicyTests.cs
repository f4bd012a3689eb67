using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Scoring.Ifd;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Ifd;

/// <summary>The <c>max_length</c> policy of <c>score-ifd</c>: over-long records are drops with a stable reason, never errors.</summary>
public sealed class IfdLengthPolicyTests
{
    // Every word costs 1 nat after a non-empty context and 2 otherwise; a request of more than
    // ContextWords words is refused as longer than the model's context.
    private const int ContextWords = 12;

    private static FakeLanguageModel Model() => new(
        r => throw new InvalidOperationException("no generation here"),
        r =>
        {
            var words = FakeLanguageModel.Words(r.Context).Length + FakeLanguageModel.Words(r.Continuation).Length;
            return words > ContextWords
                ? throw ModelRequestRejectedException.ContextTooLong("scorer@1", words, ContextWords)
                : [.. FakeLanguageModel.Words(r.Continuation).Select(_ => r.Context.Length > 0 ? -1.0 : -2.0)];
        },
        identity: "scorer@1");

    private static Sample Record(string id, string output) => new() { Id = id, Instruction = "Say it please.", Output = output };

    [Fact]
    public async Task IcIfd_MaxLength_LongerRecordDroppedAsTooLongNotAnError()
    {
        // Arrange: "Say it please.\n" + the output; max_length 6 lets three answer words through, not four.
        List<Sample> inputs = [Record("short", "one two three"), Record("long", "one two three four")];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(Model(), new IfdOptions { Metric = IfdMetric.IcIfd, MaxLength = 6 }), inputs);

        // Assert
        Assert.Equal(["short"], run.Outputs.Select(s => s.Id));
        var reject = Assert.Single(run.Rejects);
        Assert.Equal(("long", IfdCalculator.TooLong), (reject.Id, reject.Reason));
        Assert.Equal(0, run.Stats.Errors);
        Assert.Equal(1, run.Stats.Dropped[IfdCalculator.TooLong]);
    }

    [Theory]
    [InlineData(IfdMetric.Ifd)]
    [InlineData(IfdMetric.IcIfd)]
    public async Task Run_RecordLongerThanTheModelsContext_DroppedAsContextTooLongNotAnError(IfdMetric metric)
    {
        // Arrange: the long record's answer alone is longer than the model's context; both share one model call.
        List<Sample> inputs = [Record("short", "one two"), Record("long", string.Join(' ', Enumerable.Repeat("word", ContextWords + 1)))];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(Model(), new IfdOptions { Metric = metric, MaxLength = 0, PromptFormat = "none" }), inputs);

        // Assert
        Assert.Equal(["short"], run.Outputs.Select(s => s.Id));
        var reject = Assert.Single(run.Rejects);
        Assert.Equal(("long", ModelRequestRejectedException.ContextTooLongReason), (reject.Id, reject.Reason));
        Assert.Equal(0, run.Stats.Errors);
    }

    [Fact]
    public void Options_MaxLengthWithIcIfd_IsAccepted()
    {
        // Act
        var scorer = new IfdScorer(Model(), new IfdOptions { Metric = IfdMetric.IcIfd, MaxLength = 2048 });

        // Assert
        Assert.Contains(IfdCalculator.TooLong, IfdScorer.Reasons);
        Assert.Contains(IfdCalculator.TooLong, scorer.Contract.DropReasons);
    }
}
