using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Scoring.S2l;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.S2l;

public sealed class S2lSelectorTests
{
    // Records whose output starts with "g<group> ", so the fake proxy's loss curve follows the group.
    private static List<Sample> Pool(int[] sizes, Func<int, string>? originOf = null)
    {
        var records = new List<Sample>();
        for (var g = 0; g < sizes.Length; g++)
        {
            for (var i = 0; i < sizes[g]; i++)
            {
                var sample = new Sample
                {
                    Id = "",
                    Instruction = $"Task {g}-{i}: say something.",
                    Input = i % 3 == 0 ? $"context {i}" : null,
                    Output = $"g{g} answer {i}",
                    Origin = originOf?.Invoke(g) ?? "seeds",
                };
                records.Add(sample with { Id = SampleId.ForContent(sample) });
            }
        }

        return records;
    }

    private static S2lSelectorOptions Options(int budget = 12, int clusters = 3)
        => new() { Budget = budget, Clusters = clusters, Epochs = 2, BatchSize = 4, Checkpoints = 6 };

    [Fact]
    public async Task Conformance_PlantedPool_Passes()
    {
        // Arrange
        var pool = Pool([4, 10, 30]);
        pool.Add(new Sample { Id = "no-output", Instruction = "Nothing to learn." });

        // Act / Assert
        await StepConformance.CheckBarrierAsync(() => new S2lSelector(FakeTrainableSource.Planted(), Options()), pool);
    }

    [Fact]
    public void Constructor_NeitherOrBothBudgetAndFraction_Throws()
    {
        StepConformance.CheckRejectsBadOptions(() => new S2lSelector(FakeTrainableSource.Planted(), S2lSelectorOptions.Default));
        StepConformance.CheckRejectsBadOptions(() => new S2lSelector(FakeTrainableSource.Planted(), new S2lSelectorOptions { Budget = 3, Fraction = 0.5 }));
        StepConformance.CheckRejectsBadOptions(() => new S2lSelector(null!, Options()));
        StepConformance.CheckRejectsBadOptions(() => new S2lSelector(FakeTrainableSource.Planted(), null!));
    }

    [Theory]
    [InlineData(null, 1.5, 100, "fraction")]
    [InlineData(null, 0.0, 100, "fraction")]
    [InlineData(3, null, 0, "clusters")]
    [InlineData(0, null, 100, "budget")]
    public void Constructor_KeyOutOfRange_ThrowsNamingTheKey(int? budget, double? fraction, int clusters, string key)
    {
        // Arrange
        var options = new S2lSelectorOptions { Budget = budget, Fraction = fraction, Clusters = clusters };

        // Act
        var error = Assert.ThrowsAny<ArgumentException>(() => new S2lSelector(FakeTrainableSource.Planted(), options));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlantedGroupsOfDifferentSizes_KeepsTheBalancedShareOfEachGroup()
    {
        // Arrange: groups of 4, 10 and 30 share 12 as 4, 4, 4.
        var pool = Pool([4, 10, 30]);

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options()), pool);

        // Assert
        Assert.Equal(12, run.Outputs.Count);
        Assert.Equal(32, run.Rejects.Count);
        Assert.All(run.Outputs, s => Assert.Equal(S2lSelector.KeptReason, s.Reason));
        Assert.All(run.Rejects, s => Assert.Equal(S2lSelector.BelowBudget, s.Reason));
        Assert.Equal([4, 4, 4], run.Outputs.GroupBy(s => FakeTrainableSource.GroupOf(s.Output!)).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(32, run.Stats.Dropped[S2lSelector.BelowBudget]);
    }

    [Fact]
    public async Task Run_AnyPool_EveryRecordOnceWithClusterTrajectoryAndProxy()
    {
        // Arrange
        var pool = Pool([4, 10, 30]);

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options()), pool);

        // Assert: kept and dropped are the input, each in input order; one cluster per planted group.
        Assert.Equal(pool.Select(s => s.Id).Order(), run.Outputs.Concat(run.Rejects).Select(s => s.Id).Order());
        Assert.Equal(pool.Select(s => s.Id).Where(run.Outputs.Select(o => o.Id).Contains), run.Outputs.Select(s => s.Id));
        var all = run.Outputs.Concat(run.Rejects).ToList();
        Assert.All(all, s => Assert.True(s.Scores.ContainsKey(S2lSelector.ClusterScore)));
        Assert.All(all, s => Assert.Equal("fake-proxy@1", s.MetaText("s2l_proxy")));
        Assert.All(all, s => Assert.Equal(6, s.Meta["s2l_trajectory"].GetArrayLength()));
        Assert.Equal(3, all.Select(s => s.Scores[S2lSelector.ClusterScore]).Distinct().Count());
        Assert.All(all.GroupBy(s => FakeTrainableSource.GroupOf(s.Output!)), g => Assert.Single(g.Select(s => s.Scores[S2lSelector.ClusterScore]).Distinct()));
    }

    [Fact]
    public async Task Run_RecordWithoutOutput_RejectedAsNoOutputError()
    {
        // Arrange
        var pool = Pool([3, 5]);
        pool.Insert(2, new Sample { Id = "empty", Instruction = "Answer nothing.", Output = "" });

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 4, clusters: 2)), pool);

        // Assert
        var reject = Assert.Single(run.Rejects, r => r.Id == "empty");
        Assert.Equal(S2lSelector.NoOutput, reject.Reason);
        Assert.Equal("error", reject.MetaText("reject_class"));
        Assert.Equal(4, run.Outputs.Count);
    }

    [Fact]
    public async Task Run_Fraction_KeepsTheRoundedShareOfThePool()
    {
        // Arrange: 0.3 of 25 is 7.5, rounded to 8.
        var pool = Pool([10, 15]);
        var options = new S2lSelectorOptions { Fraction = 0.3, Clusters = 2, Epochs = 1, Checkpoints = 3 };

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), options), pool);

        // Assert
        Assert.Equal(8, run.Outputs.Count);
    }

    [Fact]
    public async Task Run_BudgetAboveThePool_KeepsEverythingAndRecordsTheShortfall()
    {
        // Arrange
        var pool = Pool([2, 3]);

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 9, clusters: 2)), pool);

        // Assert
        Assert.Equal(5, run.Outputs.Count);
        Assert.All(run.Outputs, s => Assert.Equal("4", s.MetaText("s2l_shortfall")));
    }

    [Fact]
    public async Task Run_TwoSources_StratifiedByOriginByDefault()
    {
        // Arrange: "small" (group 0, 4 records) is within its share of 10 and kept whole; "large" gets 6.
        var pool = Pool([4, 20, 20], g => g == 0 ? "small" : "large");

        // Act
        var stratified = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 10, clusters: 3)), pool);
        var pooled = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 10, clusters: 3) with { Stratify = false }), pool);

        // Assert: pooled, the three clusters share 10 as 3, 3, 4.
        Assert.Equal(4, stratified.Outputs.Count(s => s.Origin == "small"));
        Assert.Equal(6, stratified.Outputs.Count(s => s.Origin == "large"));
        Assert.Equal(3, pooled.Outputs.Count(s => s.Origin == "small"));
    }

    [Fact]
    public async Task Run_SameSeed_SameSubset_DifferentSeed_DifferentSubset()
    {
        // Arrange
        var pool = Pool([20, 30, 40]);

        // Act
        var a = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 30)), pool, runSeed: 1);
        var b = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 30)), pool, runSeed: 1);
        var c = await StepHarness.RunAsync(new S2lSelector(FakeTrainableSource.Planted(), Options(budget: 30)), pool, runSeed: 2);

        // Assert
        Assert.Equal(a.Outputs.Select(s => s.Id), b.Outputs.Select(s => s.Id));
        Assert.NotEqual(a.Outputs.Select(s => s.Id), c.Outputs.Select(s => s.Id));
        Assert.Equal(30, c.Outputs.Count);
    }

    [Fact]
    public async Task Rerun_WithTheResultCache_TrainsNothingAndGivesTheSameRecords()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var pool = Pool([4, 10, 30]);
        var first = FakeTrainableSource.Planted();
        var second = FakeTrainableSource.Planted();

        // Act
        var a = await StepHarness.RunAsync(new S2lSelector(first, Options()), pool, cache: cache);
        var b = await StepHarness.RunAsync(new S2lSelector(second, Options()), pool, cache: cache);

        // Assert
        Assert.NotEmpty(first.Plans);
        Assert.Empty(second.Plans);
        Assert.Equal(0, second.TrainSteps);
        Assert.Equal(a.Outputs.Select(s => s.Id), b.Outputs.Select(s => s.Id));
        Assert.Equal(a.Rejects.Select(s => s.Id), b.Rejects.Select(s => s.Id));
        Assert.Equal(0, b.Stats.Computed);
    }

    [Fact]
    public async Task Run_RecordWithInput_TrainedOnInstructionBlankLineInput()
    {
        // Arrange
        var source = FakeTrainableSource.Planted();
        var sample = new Sample { Id = "a", Instruction = "Sum.", Input = "1 2", Output = "g0 3" };

        // Act
        await StepHarness.RunAsync(new S2lSelector(source, new S2lSelectorOptions { Budget = 1, Epochs = 1, Checkpoints = 1 }), [sample]);

        // Assert
        Assert.Equal("Sum.\n\n1 2\n", Assert.Single(Assert.Single(source.Batches)).Prompt);
    }
}
