using DataForge.Core.Engine;
using DataForge.Core.Review;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.Engine;

/// <summary>Review verdicts in the engine: rejects dropped where first emitted, flags carried, pins part of a selection's cache key.</summary>
public sealed class PipelineEngineVerdictTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task RunAsync_RejectedSeed_DroppedAtTheSourceWithNoteAndReviewer_NotCountedAsError()
    {
        // Arrange
        var inputs = TestSamples.Range(5);
        var sink = new CollectingSink();
        var verdicts = ReviewVerdicts.From([new(inputs[2].Id, ReviewVerdictKind.Reject, "off topic", "ana")]);
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("map", new DelayedMap(maxDelayMs: 0), ["source"], parallelism: 2),
            Graph.Node("sink", sink, ["map"]),
        ];

        // Act
        var result = await RunAsync(nodes, verdicts);

        // Assert
        Assert.Equal(inputs.Where((_, i) => i != 2).Select(s => s.Id), sink.Samples.Select(s => s.Id));
        var reject = Assert.Single(await Graph.ReadLaneAsync(Assert.Single(result.RejectLanes)));
        Assert.Equal((inputs[2].Id, "source", ReviewVerdicts.RejectedReason), (reject.Id, reject.Step!, reject.Reason!));
        Assert.Equal("off topic", reject.MetaText(ReviewVerdicts.NoteMeta));
        Assert.Equal("ana", reject.MetaText(ReviewVerdicts.ReviewerMeta));
        Assert.False(reject.Meta.ContainsKey("reject_class"));
        Assert.Equal(1, result.Stats[0].Dropped[ReviewVerdicts.RejectedReason]);
        Assert.Equal(0, result.Stats.Sum(s => s.Errors));
        Assert.Equal(4, result.Stats[1].In);
    }

    [Fact]
    public async Task RunAsync_FlaggedRecord_CarriesTheFlagThroughEveryStep()
    {
        // Arrange
        var inputs = TestSamples.Range(3);
        var sink = new CollectingSink();
        var verdicts = ReviewVerdicts.From([new(inputs[1].Id, ReviewVerdictKind.Flag, "check the numbers")]);
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("map", new DelayedMap(maxDelayMs: 0), ["source"]),
            Graph.Node("sink", sink, ["map"]),
        ];

        // Act
        await RunAsync(nodes, verdicts);

        // Assert
        Assert.Equal(3, sink.Samples.Count);
        Assert.Equal("check the numbers", sink.Samples[1].MetaText(ReviewVerdicts.FlagMeta));
        Assert.Equal("mapped", sink.Samples[1].MetaText("via"));
        Assert.False(sink.Samples[0].Meta.ContainsKey(ReviewVerdicts.FlagMeta));
    }

    [Fact]
    public async Task RunAsync_CachedSelection_ReplaysOnlyForTheSamePins()
    {
        // Arrange
        var inputs = TestSamples.Range(4);
        var cache = new InMemoryResultCache();
        var selection = new PinKeepingSelection();
        var pinA = ReviewVerdicts.From([new(inputs[0].Id, ReviewVerdictKind.Accept)]);
        var pinB = ReviewVerdicts.From([new(inputs[3].Id, ReviewVerdictKind.Accept)]);
        var pinOutsideInput = ReviewVerdicts.From([new("not-in-the-input", ReviewVerdictKind.Accept)]);

        // Act
        var first = await SelectAsync(inputs, selection, cache, pinA);
        var again = await SelectAsync(inputs, selection, cache, pinA);
        var other = await SelectAsync(inputs, selection, cache, pinB);
        var none = await SelectAsync(inputs, selection, cache, null);
        var unrelated = await SelectAsync(inputs, selection, cache, pinOutsideInput);

        // Assert: a changed pin never replays a stale selection; pins outside the input leave the key as without verdicts.
        Assert.Equal([inputs[0].Id], first);
        Assert.Equal([inputs[0].Id], again);
        Assert.Equal([inputs[3].Id], other);
        Assert.Empty(none);
        Assert.Empty(unrelated);
        Assert.Equal(3, selection.Runs);
    }

    private async Task<List<string>> SelectAsync(IReadOnlyList<Core.Records.Sample> inputs, PinKeepingSelection selection, IResultCache cache, ReviewVerdicts? verdicts)
    {
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("select", selection, ["source"]),
            Graph.Node("sink", sink, ["select"]),
        ];
        await RunAsync(nodes, verdicts, cache);
        Assert.All(sink.Samples, s => Assert.Equal(ReviewVerdicts.AcceptedReason, s.Reason));
        return [.. sink.Samples.Select(s => s.Id)];
    }

    private Task<EngineResult> RunAsync(GraphNode[] nodes, ReviewVerdicts? verdicts, IResultCache? cache = null)
        => new PipelineEngine(nodes, new EngineEnvironment(42, "test-run", Path.Combine(_scratch.Path, Guid.NewGuid().ToString("N")), cache, Verdicts: verdicts)).RunAsync(CancellationToken.None).WaitAsync(Timeout);
}
