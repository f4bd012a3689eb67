using DataForge.Core.Steps;
using DataForge.Scoring.S2l;
using Xunit;

namespace DataForge.Scoring.Tests.S2l;

public sealed class KMeansTests
{
    [Fact]
    public void Fit_WellSeparatedPlantedClustersOfVeryDifferentSizes_RecoversEachCluster()
    {
        // Arrange
        var (rows, groups) = PlantedTrajectories.Make(PlantedTrajectories.SpecSizes);

        // Act
        var fit = KMeans.Fit(rows, PlantedTrajectories.SpecSizes.Length, DeterministicRandom.FromSeed(1));

        // Assert: one id per planted group, and no id shared by two groups.
        Assert.Equal(PlantedTrajectories.SpecSizes.Length, fit.Count);
        for (var g = 0; g < PlantedTrajectories.SpecSizes.Length; g++)
        {
            var ids = Enumerable.Range(0, rows.Count).Where(i => groups[i] == g).Select(i => fit.Assignments[i]).Distinct().ToList();
            Assert.Single(ids);
        }

        Assert.Equal(fit.Count, Enumerable.Range(0, rows.Count).Select(i => fit.Assignments[i]).Distinct().Count());
    }

    [Fact]
    public void Fit_KAboveDistinctRows_ClampsKToDistinctRows()
    {
        // Arrange: five rows, two distinct values.
        double[][] rows = [[0, 0], [0, 0], [5, 5], [5, 5], [0, 0]];

        // Act
        var fit = KMeans.Fit(rows, 100, DeterministicRandom.FromSeed(3));

        // Assert
        Assert.Equal(2, fit.Count);
        Assert.Equal([0, 0, 1, 1, 0], fit.Assignments);
    }

    [Fact]
    public void Fit_IdenticalRows_OneCluster()
    {
        // Arrange
        double[][] rows = [[1, 2], [1, 2], [1, 2]];

        // Act
        var fit = KMeans.Fit(rows, 3, DeterministicRandom.FromSeed(3));

        // Assert
        Assert.Equal(1, fit.Count);
        Assert.All(fit.Assignments, a => Assert.Equal(0, a));
    }

    [Fact]
    public void Fit_EmptyInput_NoClusters()
    {
        // Act
        var fit = KMeans.Fit([], 5, DeterministicRandom.FromSeed(3));

        // Assert
        Assert.Equal(0, fit.Count);
        Assert.Empty(fit.Assignments);
    }

    [Fact]
    public void Fit_SameSeed_SameResult()
    {
        // Arrange: overlapping blobs, where seeding matters.
        var random = DeterministicRandom.FromSeed(11);
        var rows = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToList();

        // Act
        var a = KMeans.Fit(rows, 8, DeterministicRandom.FromSeed(5));
        var b = KMeans.Fit(rows, 8, DeterministicRandom.FromSeed(5));

        // Assert
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Centroids.SelectMany(c => c), b.Centroids.SelectMany(c => c));
    }

    [Fact]
    public void Fit_AnyInput_IdsDenseInOrderOfFirstAppearance()
    {
        // Arrange
        var random = DeterministicRandom.FromSeed(12);
        var rows = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();

        // Act
        var fit = KMeans.Fit(rows, 10, DeterministicRandom.FromSeed(2));

        // Assert
        var firstSeen = fit.Assignments.Distinct().ToList();
        Assert.Equal(Enumerable.Range(0, fit.Count), firstSeen);
    }

    [Fact]
    public void Fit_Converged_EachRowNearestToItsOwnCentroid()
    {
        // Arrange
        var (rows, _) = PlantedTrajectories.Make([20, 30, 40], dimensions: 4);

        // Act
        var fit = KMeans.Fit(rows, 3, DeterministicRandom.FromSeed(9));

        // Assert
        for (var i = 0; i < rows.Count; i++)
        {
            var own = KMeans.Distance(rows[i], fit.Centroids[fit.Assignments[i]]);
            Assert.All(fit.Centroids, c => Assert.True(own <= KMeans.Distance(rows[i], c)));
        }
    }
}
