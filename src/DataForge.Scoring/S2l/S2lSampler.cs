namespace DataForge.Scoring.S2l;

/// <summary>
/// S2L's selection from loss trajectories (docs/algorithms.md#s2l): the budget is split over
/// strata (sources) by the balanced allocation; each stratum's rows are clustered with k-means, and a
/// stratum that gets less than all its rows is sampled cluster by cluster, again by the balanced
/// allocation, with tiny clusters set aside to fill what is left. Pinned rows (accepted by a reviewer)
/// are clustered like the others, always selected, and take budget first: the allocation shares what
/// they leave among the other rows.
/// </summary>
internal static class S2lSampler
{
    /// <summary>Clusters with at most this many rows are set aside and only fill the remainder (the reference's hard-coded cut).</summary>
    public const int TinyClusterSize = 2;

    /// <summary>Clusters and selects; <paramref name="randomFor"/> gives each stratum (by name) its own generator.</summary>
    /// <param name="trajectories">One loss trajectory per row, all of one length.</param>
    /// <param name="strata">Stratum name of each row (one name for all rows when stratification is off).</param>
    /// <param name="budget">Rows to select.</param>
    /// <param name="clusters">K per stratum, clamped to its distinct trajectories.</param>
    /// <param name="randomFor">A stratum's generator: seeds its k-means, then draws its samples.</param>
    /// <param name="pinned">Rows always selected, counted in the budget first; null: none.</param>
    public static S2lSelection Select(IReadOnlyList<double[]> trajectories, IReadOnlyList<string> strata, int budget, int clusters, Func<string, Random> randomFor, IReadOnlyList<bool>? pinned = null)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentNullException.ThrowIfNull(randomFor);

        // Strata ordered by name, so cluster ids and generators do not depend on input order.
        var names = strata.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rowsOf = names.ToDictionary(n => n, _ => new List<int>(), StringComparer.Ordinal);
        for (var i = 0; i < strata.Count; i++)
        {
            rowsOf[strata[i]].Add(i);
        }

        var clusterOf = new int[trajectories.Count];
        var members = new List<List<int>>[names.Count];
        var randoms = new Random[names.Count];
        var offset = 0;
        for (var s = 0; s < names.Count; s++)
        {
            randoms[s] = randomFor(names[s]);
            members[s] = Cluster(trajectories, rowsOf[names[s]], clusters, randoms[s], clusterOf, offset);
            offset += members[s].Count;
        }

        // Pinned rows are selected up front; the allocation works on the rest, with what they leave of the budget.
        var selected = new bool[trajectories.Count];
        bool IsPinned(int row) => pinned is not null && pinned[row];
        var free = names.Select(n => rowsOf[n].Where(r => !IsPinned(r)).ToList()).ToArray();
        var freeMembers = members.Select(m => m.Select(c => c.Where(r => !IsPinned(r)).ToList()).ToList()).ToArray();
        var pinnedCount = Enumerable.Range(0, trajectories.Count).Count(IsPinned);
        foreach (var row in Enumerable.Range(0, trajectories.Count).Where(IsPinned))
        {
            selected[row] = true;
        }

        var sizes = free.Select(rows => rows.Count).ToArray();
        var (takes, shortfall) = BalancedAllocation.Shares(sizes, Math.Max(0, budget - pinnedCount));
        foreach (var s in BalancedAllocation.Order(sizes))
        {
            // A stratum within its share is taken whole, as in the reference (no sampling).
            var (picked, missing) = takes[s] == sizes[s] ? (free[s], 0) : SampleClusters(freeMembers[s], takes[s], randoms[s]);
            shortfall += missing;
            foreach (var row in picked)
            {
                selected[row] = true;
            }
        }

        return new S2lSelection(clusterOf, selected, shortfall);
    }

    /// <summary>
    /// Cluster-balanced sampling (the reference's schedules/s2l.py): clusters of more than <see cref="TinyClusterSize"/>
    /// rows share <paramref name="budget"/> by the balanced allocation; what they leave is drawn uniformly
    /// from the union of the tiny ones. Returns the rows taken and the shortfall when even that union is too small.
    /// </summary>
    /// <param name="clusters">Rows of each cluster, in cluster-id order.</param>
    /// <param name="budget">Rows to take.</param>
    /// <param name="random">The generator of every draw.</param>
    public static (List<int> Rows, int Shortfall) SampleClusters(IReadOnlyList<IReadOnlyList<int>> clusters, int budget, Random random)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(random);
        var large = clusters.Where(c => c.Count > TinyClusterSize).ToList();
        var tiny = clusters.Where(c => c.Count <= TinyClusterSize).SelectMany(c => c).ToList();
        var (takes, remaining) = BalancedAllocation.Shares([.. large.Select(c => c.Count)], budget);
        var rows = new List<int>(budget);
        foreach (var k in BalancedAllocation.Order([.. large.Select(c => c.Count)]))
        {
            rows.AddRange(BalancedAllocation.Draw(large[k], takes[k], random));
        }

        // The reference fails here when the tiny clusters cannot cover the rest; we take what exists.
        var extra = BalancedAllocation.Draw(tiny, remaining, random);
        rows.AddRange(extra);
        return (rows, remaining - extra.Length);
    }

    // k-means over one stratum's rows; writes global ids (offset + local id) and returns each local cluster's rows.
    private static List<List<int>> Cluster(IReadOnlyList<double[]> trajectories, List<int> rows, int k, Random random, int[] clusterOf, int offset)
    {
        var fit = KMeans.Fit([.. rows.Select(r => trajectories[r])], k, random);
        var members = Enumerable.Range(0, fit.Count).Select(_ => new List<int>()).ToList();
        for (var j = 0; j < rows.Count; j++)
        {
            clusterOf[rows[j]] = offset + fit.Assignments[j];
            members[fit.Assignments[j]].Add(rows[j]);
        }

        return members;
    }
}
