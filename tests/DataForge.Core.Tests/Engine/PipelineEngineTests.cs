using System.Text;
using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;
using static DataForge.Core.Tests.Engine.SampleText;

namespace DataForge.Core.Tests.Engine;

/// <summary>How records flow through the graph: order kept under parallelism, expansion, reject lanes, merges and barriers.</summary>
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
        Assert.All(sink.Samples, s => Assert.Equal("mapped", s.MetaText("via")));
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
        Assert.All(run1.Take(1000), s => Assert.Equal(first, s.MetaText("via")));
        Assert.All(run1.Skip(1000), s => Assert.Equal(second, s.MetaText("via")));
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
        Assert.All(sink.Samples, s => Assert.Equal("500", s.MetaText("seen")));
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
}
