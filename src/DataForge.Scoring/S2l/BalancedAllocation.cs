namespace DataForge.Scoring.S2l;

/// <summary>
/// The balanced allocation of S2L (docs/algorithms.md#s2l), used twice by S2L (over sources, then over
/// clusters): groups in ascending size order each get <c>q_k = ⌊B_k / (G − k)⌋</c>, take
/// <c>min(|g_k|, q_k)</c>, and pass what they leave on to the larger groups.
/// </summary>
internal static class BalancedAllocation
{
    /// <summary>Group indices in allocation order: size ascending, ties by index (the caller orders groups by id).</summary>
    public static int[] Order(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return [.. Enumerable.Range(0, sizes.Count).OrderBy(i => sizes[i]).ThenBy(i => i)];
    }

    /// <summary>How many each group takes (indexed like <paramref name="sizes"/>) and the budget left over.</summary>
    public static (int[] Takes, int Remaining) Shares(IReadOnlyList<int> sizes, int budget)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var takes = new int[sizes.Count];
        var order = Order(sizes);
        var remaining = budget;
        for (var k = 0; k < order.Length; k++)
        {
            var quota = remaining / (order.Length - k);
            takes[order[k]] = Math.Min(sizes[order[k]], quota);
            remaining -= takes[order[k]];
        }

        return (takes, remaining);
    }

    /// <summary>
    /// <paramref name="count"/> members drawn uniformly without replacement (a partial Fisher-Yates
    /// shuffle of a copy); the whole group, drawing nothing, when it has no more than that.
    /// </summary>
    public static int[] Draw(IReadOnlyList<int> members, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pool = members.ToArray();
        if (count >= pool.Length)
        {
            return pool;
        }

        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }
}
