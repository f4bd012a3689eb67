using System.Text;
using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;
using static DataForge.Core.Tests.Engine.SampleText;

namespace DataForge.Core.Tests.Engine;

/// <summary>How a run ends and what it reports: faults, cancellation, per-step counts, cache hits and graphs that do not fit.</summary>
public sealed class PipelineEngineOutcomeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task RunAsync_MapStepThrows_FaultsWithThatException(int parallelism)
    {
        // Arrange
        var inputs = TestSamples.Range(1000);
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), [], capacity: 2),
            Graph.Node("map", new ThrowingMap(failAt: 10), ["source"], parallelism, capacity: 2),
            Graph.Node("after", new DelayedMap(maxDelayMs: 0), ["map"], capacity: 2),
            Graph.Node("sink", new CollectingSink(), ["after"], capacity: 2),
        ];

        // Act
        var error = await Record.ExceptionAsync(() => Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout));

        // Assert
        var thrown = Assert.IsType<InvalidDataException>(error);
        Assert.Equal("boom at 10", thrown.Message);
    }

    [Fact]
    public async Task RunAsync_SinkThrows_FaultsWithThatException()
    {
        // Arrange
        var inputs = TestSamples.Range(1000);
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), [], capacity: 2),
            Graph.Node("map", new DelayedMap(maxDelayMs: 0), ["source"], parallelism: 4, capacity: 2),
            Graph.Node("sink", new ThrowingSink(failAt: 100), ["map"], capacity: 2),
        ];

        // Act
        var error = await Record.ExceptionAsync(() => Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout));

        // Assert
        var thrown = Assert.IsType<InvalidDataException>(error);
        Assert.Equal("sink boom at 100", thrown.Message);
    }

    [Fact]
    public async Task RunAsync_PreCancelledToken_ThrowsOperationCanceled()
    {
        // Arrange
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(TestSamples.Range(10)), []),
            Graph.Node("map", new DelayedMap(), ["source"]),
            Graph.Node("sink", new CollectingSink(), ["map"]),
        ];
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var error = await Record.ExceptionAsync(() => Graph.RunAsync(nodes, _scratch, cancellationToken: cancelled.Token).WaitAsync(Timeout));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_StopsWithOperationCanceled()
    {
        // Arrange
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(TestSamples.Range(100_000)), [], capacity: 2),
            Graph.Node("map", new DelayedMap(maxDelayMs: 3), ["source"], parallelism: 2, capacity: 2),
            Graph.Node("sink", new CollectingSink(), ["map"], capacity: 2),
        ];
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act
        var error = await Record.ExceptionAsync(() => Graph.RunAsync(nodes, _scratch, cancellationToken: cancel.Token).WaitAsync(Timeout));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task RunAsync_KeepsDropsAndErrors_CountsThemPerStep()
    {
        // Arrange: of 0..9, 0 and 5 are errors, the other odd ones drops, 2 4 6 8 kept.
        var inputs = TestSamples.Range(10);
        var filter = new PredicateFilter(
            s => TestSamples.IndexOf(s) switch
            {
                var i when i % 5 == 0 => Verdict.Error("bad_input"),
                var i when i % 2 == 1 => Verdict.Drop("odd_index"),
                _ => Verdict.Keep,
            },
            "bad_input",
            "odd_index");
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("filter", filter, ["source"], parallelism: 2),
            Graph.Node("sink", new CollectingSink(), ["filter"]),
        ];

        // Act
        var result = await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        var (source, step, sink) = (result.Stats[0], result.Stats[1], result.Stats[2]);
        Assert.Equal((10L, 10L, 0L), (source.In, source.Out, source.Errors));
        Assert.Equal((10L, 4L, 2L), (step.In, step.Out, step.Errors));
        Assert.Equal(new Dictionary<string, long> { ["bad_input"] = 2, ["odd_index"] = 4 }, step.Dropped);
        Assert.Equal(4L, sink.In);
        Assert.All(result.Stats, s => Assert.True(s.Completed));
        var rejects = await Graph.ReadLaneAsync(Assert.Single(result.RejectLanes));
        Assert.Equal(["0", "5"], rejects.Where(r => r.MetaText("reject_class") == "error").Select(r => r.MetaText("index")));
    }

    [Fact]
    public async Task RunAsync_CacheableStepSecondRun_ServesEveryRecordFromCache()
    {
        // Arrange
        var inputs = TestSamples.Range(30);
        var cache = new InMemoryResultCache();
        var step = new CountingCacheableMap();

        // Act
        var first = await StepHarness.RunAsync(step, inputs, parallelism: 4, cache: cache).WaitAsync(Timeout);
        var second = await StepHarness.RunAsync(step, inputs, parallelism: 4, cache: cache).WaitAsync(Timeout);

        // Assert
        Assert.Equal((0L, 30L), (first.Stats.CacheHits, first.Stats.Computed));
        Assert.Equal((30L, 0L), (second.Stats.CacheHits, second.Stats.Computed));
        Assert.Equal(30, step.Calls);
        Assert.Equal(Json(first.Outputs), Json(second.Outputs));
        Assert.Equal(Json(first.Rejects), Json(second.Rejects));
        Assert.Equal(10, second.Rejects.Count);
        Assert.All(second.Rejects, r => Assert.Equal(("third", "raw text"), (r.Reason, r.Raw)));
        Assert.Equal(first.Stats.Dropped, second.Stats.Dropped);
    }

    [Fact]
    public void Constructor_UnknownInput_Throws()
    {
        // Arrange
        GraphNode[] nodes = [Graph.Node("sink", new CollectingSink(), ["nowhere"])];

        // Act
        var error = Record.Exception(() => new PipelineEngine(nodes, new EngineEnvironment(1, "r", _scratch.Path, null)));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }
}
