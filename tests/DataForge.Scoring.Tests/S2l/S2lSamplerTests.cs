using DataForge.Core.Steps;
using DataForge.Scoring.S2l;
using Xunit;

namespace DataForge.Scoring.Tests.S2l;

public sealed class S2lSamplerTests
{
    // Clusters of the given sizes over consecutive rows: cluster c holds rows [start_c, start_c + size_c).
    private static List<IReadOnlyList<int>> Clusters(params int[] sizes)
    {
        var clusters = new List<IReadOnlyList<int>>();
        var start = 0;
        foreach (var size in sizes)
        {
            clusters.Add([.. Enumerable.Range(start, size)]);
            start += size;
        }

        return clusters;
    }

    private static int[] CountPerCluster(IReadOnlyList<IReadOnlyList<int>> clusters, IEnumerable<int> rows)
    {
        var set = rows.ToHashSet();
        return [.. clusters.Select(c => c.Count(set.Contains))];
    }

    private static Func<string, Random> Seeded(long seed) => name => DeterministicRandom.Create(seed, name, "test");

    [Fact]
    public void SampleClusters_PlantedSizes_EachLargeClusterGetsMinOfSizeAndShare()
    {
        // Arrange: clusters of 1 and 2 are set aside; 3, 10, 50, 400 share 100 as 3, 10, 43, 44.
        var clusters = Clusters(PlantedTrajectories.SpecSizes);

        // Act
        var (rows, shortfall) = S2lSampler.SampleClusters(clusters, 100, DeterministicRandom.FromSeed(1));

        // Assert
        Assert.Equal([0, 0, 3, 10, 43, 44], CountPerCluster(clusters, rows));
        Assert.Equal(100, rows.Count);
        Assert.Equal(100, rows.Distinct().Count());
        Assert.Equal(0, shortfall);
    }

    [Fact]
    public void SampleClusters_LargeClustersExhausted_RemainderDrawnFromTheTinyClusters()
    {
        // Arrange: the large clusters hold 463 rows; 2 more must come from the 3 set-aside rows.
        var clusters = Clusters(PlantedTrajectories.SpecSizes);

        // Act
        var (rows, shortfall) = S2lSampler.SampleClusters(clusters, 465, DeterministicRandom.FromSeed(1));

        // Assert
        var counts = CountPerCluster(clusters, rows);
        Assert.Equal([3, 10, 50, 400], counts[2..]);
        Assert.Equal(2, counts[0] + counts[1]);
        Assert.Equal(465, rows.Distinct().Count());
        Assert.Equal(0, shortfall);
    }

    [Fact]
    public void SampleClusters_BudgetAboveAllRows_TakesEverythingAndReportsTheShortfall()
    {
        // Arrange
        var clusters = Clusters(PlantedTrajectories.SpecSizes);

        // Act
        var (rows, shortfall) = S2lSampler.SampleClusters(clusters, 500, DeterministicRandom.FromSeed(1));

        // Assert
        Assert.Equal(466, rows.Distinct().Count());
        Assert.Equal(34, shortfall);
    }

    [Fact]
    public void SampleClusters_OnlyTinyClusters_BudgetDrawnFromTheirUnion()
    {
        // Arrange
        var clusters = Clusters(1, 2, 2, 1);

        // Act
        var (rows, shortfall) = S2lSampler.SampleClusters(clusters, 4, DeterministicRandom.FromSeed(1));

        // Assert
        Assert.Equal(4, rows.Distinct().Count());
        Assert.Equal(0, shortfall);
    }

    [Fact]
    public void Select_PlantedTrajectoriesOfVeryDifferentSizes_AllocationMatchesTheSpecExactly()
    {
        // Arrange: k-means must find the planted groups, then the balanced allocation allocates 100 over them.
        var (rows, groups) = PlantedTrajectories.Make(PlantedTrajectories.SpecSizes);
        var strata = rows.Select(_ => "").ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 100, 6, Seeded(42));

        // Assert
        var selected = Enumerable.Range(0, rows.Count).Where(i => selection.Selected[i]);
        Assert.Equal([0, 0, 3, 10, 43, 44], PlantedTrajectories.CountPerGroup(selected, groups, 6));
        Assert.Equal(100, selection.Selected.Count(s => s));
        Assert.Equal(0, selection.Shortfall);
        Assert.Equal(6, selection.Clusters.Distinct().Count());
    }

    [Fact]
    public void Select_DefaultKAboveThePool_ClampedAndBudgetStillMet()
    {
        // Arrange: 20 rows, K = 100.
        var (rows, _) = PlantedTrajectories.Make([5, 15]);
        var strata = rows.Select(_ => "").ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 7, 100, Seeded(42));

        // Assert
        Assert.Equal(7, selection.Selected.Count(s => s));
        Assert.InRange(selection.Clusters.Distinct().Count(), 1, 20);
    }

    [Fact]
    public void Select_TwoSources_BudgetSplitBySourceSmallestFirst()
    {
        // Arrange: source "a" has 10 rows (share 30: taken whole), "b" has 200 (gets the other 50).
        var (rows, groups) = PlantedTrajectories.Make([10, 80, 120]);
        var strata = groups.Select(g => g == 0 ? "a" : "b").ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 60, 2, Seeded(42));

        // Assert
        var selected = Enumerable.Range(0, rows.Count).Where(i => selection.Selected[i]).ToList();
        Assert.Equal(10, selected.Count(i => strata[i] == "a"));
        Assert.Equal(50, selected.Count(i => strata[i] == "b"));
        Assert.Equal([10, 25, 25], PlantedTrajectories.CountPerGroup(selected, groups, 3));
    }

    [Fact]
    public void Select_TwoSources_ClusterIdsUniqueAcrossSources()
    {
        // Arrange: the same trajectories in both sources.
        var (half, _) = PlantedTrajectories.Make([10, 10]);
        var rows = half.Concat(half).ToList();
        var strata = rows.Select((_, i) => i < half.Count ? "a" : "b").ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 10, 2, Seeded(42));

        // Assert
        var idsA = selection.Clusters.Take(half.Count).ToHashSet();
        var idsB = selection.Clusters.Skip(half.Count).ToHashSet();
        Assert.Equal(2, idsA.Count);
        Assert.Equal(2, idsB.Count);
        Assert.Empty(idsA.Intersect(idsB));
    }

    [Fact]
    public void Select_BudgetAboveThePool_KeepsEverythingAndReportsTheShortfall()
    {
        // Arrange
        var (rows, groups) = PlantedTrajectories.Make([3, 4]);
        var strata = groups.Select(g => g == 0 ? "a" : "b").ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 10, 2, Seeded(42));

        // Assert
        Assert.All(selection.Selected, Assert.True);
        Assert.Equal(3, selection.Shortfall);
    }

    [Fact]
    public void Select_SameSeed_SameSubset()
    {
        // Arrange
        var (rows, groups) = PlantedTrajectories.Make([30, 60, 90]);
        var strata = groups.Select(g => g == 2 ? "b" : "a").ToList();

        // Act
        var a = S2lSampler.Select(rows, strata, 40, 5, Seeded(42));
        var b = S2lSampler.Select(rows, strata, 40, 5, Seeded(42));

        // Assert
        Assert.Equal(a.Selected, b.Selected);
        Assert.Equal(a.Clusters, b.Clusters);
    }

    [Fact]
    public void Select_DifferentSeed_DifferentDrawOfTheSameSize()
    {
        // Arrange
        var (rows, groups) = PlantedTrajectories.Make([30, 60, 90]);
        var strata = groups.Select(g => g == 2 ? "b" : "a").ToList();

        // Act
        var a = S2lSampler.Select(rows, strata, 40, 3, Seeded(42));
        var b = S2lSampler.Select(rows, strata, 40, 3, Seeded(43));

        // Assert
        Assert.NotEqual(a.Selected, b.Selected);
        Assert.Equal(a.Selected.Count(s => s), b.Selected.Count(s => s));
    }
}
