using System.Text;
using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.Engine;

public sealed class PipelineEngineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task RunAsync_LinearGraphWithParallelismAndVaryingWorkTime_KeepsInputOrder()
    {
        // Arrange
        var inputs = TestSamples.Range(300);
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("map", new DelayedMap(), ["source"], parallelism: 4, capacity: 8),
            Graph.Node("sink", sink, ["map"]),
        ];

        // Act
        await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        Assert.True(sink.Completed);
        Assert.Equal(inputs.Select(s => s.Id), sink.Samples.Select(s => s.Id));
        Assert.All(sink.Samples, s => Assert.Equal("mapped", s.Meta["via"]));
        Assert.All(sink.Samples, s => Assert.Equal("map", s.Step));
    }

    [Fact]
    public async Task RunAsync_ExpandStep_EmitsChildrenInInputOrder()
    {
        // Arrange
        var inputs = TestSamples.Range(60);
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("expand", new RepeatExpand(3), ["source"], parallelism: 4, capacity: 4),
            Graph.Node("sink", sink, ["expand"]),
        ];

        // Act
        await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        var expected = inputs.SelectMany(s => Enumerable.Range(0, 3).Select(k => $"{s.Id}/{k}"));
        Assert.Equal(expected, sink.Samples.Select(s => s.Id));
        Assert.All(sink.Samples, s => Assert.Equal(s.Id[..s.Id.IndexOf('/')], s.ParentId));
    }

    [Fact]
    public async Task RunAsync_FilterDrops_GoToRejectLaneWithStepAndReason()
    {
        // Arrange
        var inputs = TestSamples.Range(20);
        var sink = new CollectingSink();
        var filter = new PredicateFilter(s => TestSamples.IndexOf(s) % 2 == 1 ? Verdict.Drop("odd_index") : Verdict.Keep, "odd_index");
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("filter", filter, ["source"], parallelism: 3),
            Graph.Node("sink", sink, ["filter"]),
        ];

        // Act
        var result = await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        var lane = Assert.Single(result.RejectLanes);
        var rejects = await Graph.ReadLaneAsync(lane);
        Assert.Equal(inputs.Where((_, i) => i % 2 == 1).Select(s => s.Id), rejects.Select(s => s.Id));
        Assert.All(rejects, r => Assert.Equal("filter", r.Step));
        Assert.All(rejects, r => Assert.Equal("odd_index", r.Reason));
        Assert.Equal(inputs.Where((_, i) => i % 2 == 0).Select(s => s.Id), sink.Samples.Select(s => s.Id));
    }

    [Fact]
    public async Task RunAsync_SinkWithTwoInputs_YieldsAllOfFirstThenAllOfSecond()
    {
        // Arrange
        var a = TestSamples.Range(50);
        var b = Enumerable.Range(1000, 70).Select(TestSamples.Make).ToList();
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("a", new ListSource(a), [], capacity: 2),
            Graph.Node("b", new ListSource(b), [], capacity: 2),
            Graph.Node("sink", sink, ["a", "b"], capacity: 2),
        ];

        // Act
        await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        Assert.Equal(a.Concat(b).Select(s => s.Id), sink.Samples.Select(s => s.Id));
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("b", "a")]
    public async Task RunAsync_DiamondMergeWithSmallCapacity_CompletesInDeclaredOrder(string first, string second)
    {
        // Arrange
        var inputs = TestSamples.Range(1000);

        // Act
        var run1 = await RunDiamondAsync(inputs, first, second).WaitAsync(Timeout);
        var run2 = await RunDiamondAsync(inputs, first, second).WaitAsync(Timeout);

        // Assert
        Assert.Equal(2000, run1.Count);
        Assert.Equal(inputs.Select(s => s.Id), run1.Take(1000).Select(s => s.Id));
        Assert.Equal(inputs.Select(s => s.Id), run1.Skip(1000).Select(s => s.Id));
        Assert.All(run1.Take(1000), s => Assert.Equal(first, s.Meta["via"]));
        Assert.All(run1.Skip(1000), s => Assert.Equal(second, s.Meta["via"]));
        Assert.Equal(Json(run1), Json(run2));
    }

    [Fact]
    public async Task RunAsync_BarrierStep_SeesWholeInput()
    {
        // Arrange
        var inputs = TestSamples.Range(500);
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), [], capacity: 2),
            Graph.Node("barrier", new CountingBarrier(), ["source"], capacity: 2),
            Graph.Node("sink", sink, ["barrier"], capacity: 2),
        ];

        // Act
        var result = await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert
        Assert.Equal(inputs.Reverse().Select(s => s.Id), sink.Samples.Select(s => s.Id));
        Assert.All(sink.Samples, s => Assert.Equal("500", s.Meta["seen"]));
        Assert.Equal(500, result.Stats[1].In);
        Assert.Equal(500, result.Stats[1].Out);
    }

    [Fact]
    public async Task RunAsync_BarrierAfterASlowStep_TimesOnlyItsOwnWork()
    {
        // Arrange: the map waits up to 20 ms per record (at least a few hundred ms in all); the barrier only reverses 40 records.
        var inputs = TestSamples.Range(40);
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), []),
            Graph.Node("map", new DelayedMap(maxDelayMs: 20), ["source"]),
            Graph.Node("barrier", new CountingBarrier(), ["map"]),
            Graph.Node("sink", new CollectingSink(), ["barrier"]),
        ];

        // Act
        var result = await Graph.RunAsync(nodes, _scratch).WaitAsync(Timeout);

        // Assert: the barrier's clock starts when its input is complete, not when the run starts.
        Assert.True(result.Stats[2].Elapsed < result.Stats[1].Elapsed, $"barrier {result.Stats[2].Elapsed} vs map {result.Stats[1].Elapsed}");
        Assert.True(result.Stats[1].Elapsed > TimeSpan.Zero);
    }

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
        Assert.Equal(["0", "5"], rejects.Where(r => r.Meta.GetValueOrDefault("reject_class") == "error").Select(r => r.Meta["index"]));
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

    private async Task<IReadOnlyList<Sample>> RunDiamondAsync(IReadOnlyList<Sample> inputs, string first, string second)
    {
        var sink = new CollectingSink();
        GraphNode[] nodes =
        [
            Graph.Node("source", new ListSource(inputs), [], capacity: 2),
            Graph.Node("a", new DelayedMap("a", maxDelayMs: 2), ["source"], parallelism: 2, capacity: 2),
            Graph.Node("b", new DelayedMap("b", maxDelayMs: 0), ["source"], capacity: 2),
            Graph.Node("merge", new PredicateFilter(_ => Verdict.Keep), [first, second], parallelism: 2, capacity: 2),
            Graph.Node("sink", sink, ["merge"], capacity: 2),
        ];
        await Graph.RunAsync(nodes, _scratch);
        return sink.Samples;
    }

    private static string Json(IEnumerable<Sample> samples) => string.Join('\n', samples.Select(s => Encoding.UTF8.GetString(SampleJson.Serialize(s))));
}
