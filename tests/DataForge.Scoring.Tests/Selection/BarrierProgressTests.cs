using DataForge.Core.Records;
using DataForge.Scoring.Less;
using DataForge.Scoring.S2l;
using DataForge.Scoring.Tests.Less;
using DataForge.Scoring.Tests.S2l;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Selection;

/// <summary>Long barrier steps report how far they are into the step's live counters.</summary>
public sealed class BarrierProgressTests
{
    private static List<Sample> Pool(int count) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var sample = new Sample { Id = "", Instruction = $"{PlantedGradientSource.Kinds[i % 3]} task {i}", Output = $"g{i % 3} answer {i}" };
        return sample with { Id = SampleId.ForContent(sample) };
    })];

    [Fact]
    public async Task SelectS2l_ProxyTraining_ReportsItsStepsToTheStepStats()
    {
        // Arrange: 12 records in batches of 4, two epochs: 6 optimizer steps.
        var step = new S2lSelector(FakeTrainableSource.Planted(), new S2lSelectorOptions { Budget = 4, Clusters = 2, Epochs = 2, BatchSize = 4, Checkpoints = 3 });

        // Act
        var run = await StepHarness.RunAsync(step, Pool(12));

        // Assert
        Assert.Equal("proxy training (steps) 6/6", run.Stats.Progress?.ToString());
    }

    [Fact]
    public async Task SelectLess_WarmupAndFeatures_ReportTheirLastPhaseToTheStepStats()
    {
        // Arrange
        var options = new LessSelectorOptions { Epochs = 2, BatchSize = 4, WarmupFraction = 0.2, ProjectionDimension = 256, LoraRank = 8, LoraAlpha = 16, Keep = 5, LearningRate = 1e-3 };
        var targets = LessTargetSet.Of([new("math example", null, "a", "first")]);

        // Act
        var run = await StepHarness.RunAsync(new LessSelector(new PlantedGradientSource(), targets, options), Pool(40));

        // Assert: the last phase is the features of the last checkpoint, every candidate done.
        Assert.Equal("LESS features, checkpoint 2 (candidates) 40/40", run.Stats.Progress?.ToString());
    }
}
