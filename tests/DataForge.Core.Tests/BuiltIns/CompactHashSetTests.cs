using DataForge.Core.BuiltIns;
using Xunit;

namespace DataForge.Core.Tests.BuiltIns;

public sealed class CompactHashSetTests
{
    [Fact]
    public void Add_PastPreSize_KeepsEveryMember()
    {
        // Arrange
        var set = new CompactHashSet(expectedCount: 10);
        var hashes = Enumerable.Range(1, 20_000).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToList();

        // Act
        var added = hashes.Select(set.Add).ToList();
        var again = hashes.Select(set.Add).ToList();

        // Assert
        Assert.All(added, Assert.True);
        Assert.All(again, Assert.False);
        Assert.Equal(20_000, set.Count);
    }

    [Fact]
    public void Add_HashesCollidingInLowBits_AreAllKept()
    {
        // Arrange: multiples of 2^20 share every slot index of the first tables.
        var set = new CompactHashSet(expectedCount: 1);
        var hashes = Enumerable.Range(1, 3000).Select(i => (ulong)i << 20).ToList();

        // Act
        var added = hashes.Select(set.Add).ToList();

        // Assert
        Assert.All(added, Assert.True);
        Assert.All(hashes, h => Assert.False(set.Add(h)));
        Assert.Equal(3000, set.Count);
    }

    [Fact]
    public void Add_HashZero_IsTrackedLikeAnyOther()
    {
        // Arrange
        var set = new CompactHashSet(expectedCount: 4);

        // Act
        var first = set.Add(0);
        var second = set.Add(0);
        var other = set.Add(1);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.True(other);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Add_HashZeroAmongMany_SurvivesGrowth()
    {
        // Arrange
        var set = new CompactHashSet(expectedCount: 1);
        set.Add(0);

        // Act
        for (var i = 1UL; i <= 5000; i++)
        {
            set.Add(i * 7919);
        }

        // Assert
        Assert.False(set.Add(0));
        Assert.Equal(5001, set.Count);
    }
}
