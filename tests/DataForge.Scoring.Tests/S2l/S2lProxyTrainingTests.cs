using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Scoring.S2l;
using Xunit;

namespace DataForge.Scoring.Tests.S2l;

public sealed class S2lProxyTrainingTests
{
    private static List<TrainingExample> Examples(int count)
        => [.. Enumerable.Range(0, count).Select(i => new TrainingExample($"p{i}\n", $"g{i % 2} answer {i}"))];

    [Theory]
    [InlineData(24, 12, new[] { 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24 })]
    [InlineData(10, 4, new[] { 3, 5, 8, 10 })]
    [InlineData(5, 12, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(7, 1, new[] { 7 })]
    public void CheckpointSteps_AnyRun_EvenlySpacedEndingAtTheLastStep(int totalSteps, int checkpoints, int[] expected)
    {
        // Act
        var steps = S2lProxyTraining.CheckpointSteps(totalSteps, checkpoints);

        // Assert
        Assert.Equal(expected, steps);
    }

    [Fact]
    public void Record_TwentyExamplesBatchEight_TrainsEpochsTimesBatchesWithTheReferenceSchedule()
    {
        // Arrange: 3 batches per epoch, 3 epochs: 9 steps, so T = 12 is clamped to 9.
        var source = FakeTrainableSource.Planted();
        var options = new S2lSelectorOptions { Budget = 5, LearningRate = 1e-3, MaxLength = 64 };

        // Act
        var trajectories = S2lProxyTraining.Record(source, Examples(20), options, DeterministicRandom.FromSeed(1), CancellationToken.None);

        // Assert
        var plan = Assert.Single(source.Plans);
        Assert.Equal(9, plan.TotalSteps);
        Assert.Equal(1e-3, plan.LearningRate);
        Assert.Equal(0, plan.MinLearningRateRatio);
        Assert.Equal(64, plan.MaxLength);
        Assert.Equal(9, source.TrainSteps);
        Assert.Equal(20 * 9, source.LossEvaluations);
        Assert.All(trajectories, t => Assert.Equal(9, t.Length));
        Assert.Equal([8, 8, 4, 8, 8, 4, 8, 8, 4], source.Batches.Select(b => b.Count));
    }

    [Fact]
    public void Record_EachEpoch_SeesEveryExampleOnceInAShuffledOrder()
    {
        // Arrange
        var source = FakeTrainableSource.Planted();
        var examples = Examples(20);

        // Act
        S2lProxyTraining.Record(source, examples, new S2lSelectorOptions { Budget = 5, Epochs = 2 }, DeterministicRandom.FromSeed(1), CancellationToken.None);

        // Assert
        var first = source.Batches.Take(3).SelectMany(b => b).ToList();
        var second = source.Batches.Skip(3).SelectMany(b => b).ToList();
        Assert.Equal(examples.ToHashSet(), first.ToHashSet());
        Assert.Equal(examples.ToHashSet(), second.ToHashSet());
        Assert.NotEqual(examples, first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Record_PlantedCurves_TrajectoryFollowsTheLossAtEachCheckpoint()
    {
        // Arrange: loss = 10 − 5 · progress.
        var source = new FakeTrainableSource((_, progress) => 10 - (5 * progress));

        // Act: 4 examples, batch 1, 1 epoch: 4 steps, T = 2 → recorded after steps 2 and 4.
        var trajectories = S2lProxyTraining.Record(source, Examples(4), new S2lSelectorOptions { Budget = 1, Epochs = 1, BatchSize = 1, Checkpoints = 2 }, DeterministicRandom.FromSeed(1), CancellationToken.None);

        // Assert
        Assert.All(trajectories, t => Assert.Equal([7.5, 5.0], t));
    }

    [Fact]
    public void Record_NanOrInfiniteLoss_BecomesZero()
    {
        // Arrange
        var source = new FakeTrainableSource((e, _) => e.Prompt.StartsWith("p0", StringComparison.Ordinal) ? double.NaN : e.Prompt.StartsWith("p1", StringComparison.Ordinal) ? double.PositiveInfinity : 1.5);

        // Act
        var trajectories = S2lProxyTraining.Record(source, Examples(3), new S2lSelectorOptions { Budget = 1, Epochs = 1, BatchSize = 1, Checkpoints = 3 }, DeterministicRandom.FromSeed(1), CancellationToken.None);

        // Assert
        Assert.Equal([0.0, 0.0, 0.0], trajectories[0]);
        Assert.Equal([0.0, 0.0, 0.0], trajectories[1]);
        Assert.Equal([1.5, 1.5, 1.5], trajectories[2]);
    }

    [Fact]
    public void Record_CancelledToken_Throws()
    {
        // Arrange
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // Act / Assert
        Assert.ThrowsAny<OperationCanceledException>(() => S2lProxyTraining.Record(FakeTrainableSource.Planted(), Examples(4), new S2lSelectorOptions { Budget = 1 }, DeterministicRandom.FromSeed(1), cancelled.Token));
    }
}
