using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.Engine;

public sealed class BatchedStepTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task RunAsync_BatchedStep_KeepsInputOrderAndRoutesRejects()
    {
        // Arrange
        var inputs = TestSamples.Range(50);
        var step = new RecordingBatchedStep(batchSize: 7);

        // Act
        var run = await StepHarness.RunAsync(step, inputs, parallelism: 4, capacity: 4).WaitAsync(Timeout);

        // Assert
        Assert.Equal(inputs.Where(s => TestSamples.IndexOf(s) % 5 != 4).Select(s => s.Id), run.Outputs.Select(s => s.Id));
        Assert.Equal(inputs.Where(s => TestSamples.IndexOf(s) % 5 == 4).Select(s => s.Id), run.Rejects.Select(s => s.Id));
        Assert.All(run.Outputs, s => Assert.Equal("yes", s.MetaText("batched")));
        Assert.Equal(50, run.Stats.Computed);
    }

    [Fact]
    public async Task RunAsync_BatchedStep_BatchesNeverExceedBatchSize()
    {
        // Arrange
        var inputs = TestSamples.Range(23);
        var step = new RecordingBatchedStep(batchSize: 5);

        // Act
        await StepHarness.RunAsync(step, inputs, cache: new InMemoryResultCache()).WaitAsync(Timeout);

        // Assert
        Assert.Equal([5, 5, 5, 5, 3], step.Batches.Select(b => b.Count));
        Assert.Equal(inputs.Select(s => s.Id), step.Batches.SelectMany(b => b));
    }

    [Fact]
    public async Task RunAsync_SecondRunOverSameInput_ComputesNothing()
    {
        // Arrange
        var inputs = TestSamples.Range(30);
        var cache = new InMemoryResultCache();
        var first = await StepHarness.RunAsync(new RecordingBatchedStep(batchSize: 8), inputs, cache: cache).WaitAsync(Timeout);
        var step = new RecordingBatchedStep(batchSize: 8);

        // Act
        var second = await StepHarness.RunAsync(step, inputs, cache: cache).WaitAsync(Timeout);

        // Assert
        Assert.Equal(0, second.Stats.Computed);
        Assert.Equal(30, second.Stats.CacheHits);
        Assert.Empty(step.Batches);
        Assert.Equal(first.Outputs.Select(s => SampleJson.Serialize(s)), second.Outputs.Select(s => SampleJson.Serialize(s)));
        Assert.Equal(first.Rejects.Select(s => SampleJson.Serialize(s)), second.Rejects.Select(s => SampleJson.Serialize(s)));
    }

    [Fact]
    public async Task RunAsync_OneAddedRecord_ComputesExactlyThatRecordInOneCall()
    {
        // Arrange
        var inputs = TestSamples.Range(31);
        var cache = new InMemoryResultCache();
        var before = inputs.Where((_, i) => i != 12).ToList();
        await StepHarness.RunAsync(new RecordingBatchedStep(batchSize: 8), before, cache: cache).WaitAsync(Timeout);
        var step = new RecordingBatchedStep(batchSize: 8);

        // Act
        var run = await StepHarness.RunAsync(step, inputs, cache: cache).WaitAsync(Timeout);

        // Assert
        Assert.Equal(1, run.Stats.Computed);
        Assert.Equal(30, run.Stats.CacheHits);
        var batch = Assert.Single(step.Batches);
        Assert.Equal([inputs[12].Id], batch);
        Assert.Equal(inputs.Count, run.Outputs.Count + run.Rejects.Count);
        Assert.Equal(inputs.Where(s => TestSamples.IndexOf(s) % 5 != 4).Select(s => s.Id), run.Outputs.Select(s => s.Id));
    }

    [Fact]
    public async Task CheckBatchedAsync_WellBehavedBatchedStep_Passes()
    {
        // Arrange
        var inputs = TestSamples.Range(17);

        // Act
        var run = await StepConformance.CheckBatchedAsync(() => new RecordingBatchedStep(batchSize: 4), inputs).WaitAsync(Timeout);

        // Assert
        Assert.Equal(17, run.Outputs.Count + run.Rejects.Count);
    }

    /// <summary>Tags every record, drops every fifth as <c>fifth</c>, and records the ids of each batch it is given.</summary>
    private sealed class RecordingBatchedStep(int batchSize) : BatchedStep
    {
        private readonly List<IReadOnlyList<string>> _batches = [];

        public IReadOnlyList<IReadOnlyList<string>> Batches => _batches;

        public override StepContract Contract { get; } = new([], ["meta"], ["fifth"]);

        public override int BatchSize => batchSize;

        public override ValueTask<IReadOnlyList<Outcome>> ProcessBatchAsync(IReadOnlyList<Sample> batch, StepContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batches.Add([.. batch.Select(s => s.Id)]);
            IReadOnlyList<Outcome> outcomes = [.. batch.Select(s => TestSamples.IndexOf(s) % 5 == 4 ? Outcome.Drop(s, "fifth") : Outcome.Keep(s.WithMeta("batched", "yes")))];
            return ValueTask.FromResult(outcomes);
        }
    }
}
