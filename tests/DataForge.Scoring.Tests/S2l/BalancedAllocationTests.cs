using DataForge.Core.Steps;
using DataForge.Scoring.S2l;
using Xunit;

namespace DataForge.Scoring.Tests.S2l;

public sealed class BalancedAllocationTests
{
    // S2L's balanced allocation written out independently: q_k = ⌊B_k / (G − k)⌋, take_k = min(|g_k|, q_k), smallest first.
    private static int[] Expected(int[] sizes, int budget)
    {
        var takes = new int[sizes.Length];
        var order = sizes.Select((s, i) => (s, i)).OrderBy(p => p.s).ThenBy(p => p.i).Select(p => p.i).ToArray();
        for (var k = 0; k < order.Length; k++)
        {
            takes[order[k]] = Math.Min(sizes[order[k]], budget / (order.Length - k));
            budget -= takes[order[k]];
        }

        return takes;
    }

    [Fact]
    public void Shares_PlantedSizesOutOfOrder_EachGroupGetsMinOfSizeAndShare()
    {
        // Arrange: 3 → 25 (takes 3), 10 → 32 (10), 50 → 43 (43), 400 → 44 (44).
        int[] sizes = [400, 3, 50, 10];

        // Act
        var (takes, remaining) = BalancedAllocation.Shares(sizes, 100);

        // Assert
        Assert.Equal([44, 3, 43, 10], takes);
        Assert.Equal(0, remaining);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 10, 50, 400 }, 100)]
    [InlineData(new[] { 7, 7, 7, 7 }, 13)]
    [InlineData(new[] { 5, 1000, 2, 999, 37 }, 1)]
    [InlineData(new[] { 5, 1000, 2, 999, 37 }, 1500)]
    [InlineData(new[] { 12 }, 12)]
    public void Shares_AnySizes_MatchesTheFormulaAndMeetsTheBudget(int[] sizes, int budget)
    {
        // Act
        var (takes, remaining) = BalancedAllocation.Shares(sizes, budget);

        // Assert
        Assert.Equal(Expected(sizes, budget), takes);
        Assert.Equal(budget, takes.Sum() + remaining);
        Assert.Equal(Math.Max(0, budget - sizes.Sum()), remaining);
    }

    [Fact]
    public void Shares_EqualSizes_TiesBrokenByIndex()
    {
        // Act: q = 7/3 = 2, then 5/2 = 2, then 3.
        var (takes, _) = BalancedAllocation.Shares([5, 5, 5], 7);

        // Assert
        Assert.Equal([2, 2, 3], takes);
    }

    [Fact]
    public void Shares_BudgetAboveTotal_TakesAllAndReportsTheRest()
    {
        // Act
        var (takes, remaining) = BalancedAllocation.Shares([3, 4], 10);

        // Assert
        Assert.Equal([3, 4], takes);
        Assert.Equal(3, remaining);
    }

    [Fact]
    public void Draw_CountBelowSize_DistinctMembersOfTheGroup()
    {
        // Arrange
        int[] members = [.. Enumerable.Range(100, 50)];

        // Act
        var drawn = BalancedAllocation.Draw(members, 20, DeterministicRandom.FromSeed(4));

        // Assert
        Assert.Equal(20, drawn.Length);
        Assert.Equal(20, drawn.Distinct().Count());
        Assert.All(drawn, m => Assert.Contains(m, members));
    }

    [Fact]
    public void Draw_CountAtLeastSize_TakesTheWholeGroupWithoutDrawing()
    {
        // Arrange
        var random = DeterministicRandom.FromSeed(4);

        // Act
        var drawn = BalancedAllocation.Draw([3, 1, 2], 5, random);

        // Assert
        Assert.Equal([3, 1, 2], drawn);
        Assert.Equal(DeterministicRandom.FromSeed(4).NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void Draw_ManyDraws_EveryMemberAboutEquallyLikely()
    {
        // Arrange
        var random = DeterministicRandom.FromSeed(8);
        var counts = new int[10];

        // Act
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var m in BalancedAllocation.Draw([.. Enumerable.Range(0, 10)], 3, random))
            {
                counts[m]++;
            }
        }

        // Assert: each member expected 6,000 times.
        Assert.All(counts, c => Assert.InRange(c, 5_700, 6_300));
    }
}
