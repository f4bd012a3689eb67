namespace DataForge.Scoring.S2l;

/// <summary>
/// Euclidean k-means: k-means++ seeding from a given generator, then Lloyd iterations until the
/// assignments stop changing or the iteration limit is reached. Every sum runs in row order on one
/// thread, so one generator state gives one result.
/// </summary>
/// <remarks>
/// K is clamped to the number of distinct rows (the reference's faiss call fails with fewer rows than
/// K). A cluster that loses all its rows during an update takes the row farthest from its own
/// centroid (ties: the lowest row index) out of a cluster with more than one row. Cluster ids in the
/// result are dense and numbered by first appearance in row order.
/// </remarks>
internal static class KMeans
{
    /// <summary>Lloyd iterations by default (faiss's <c>niter</c>, as the reference uses it).</summary>
    public const int DefaultIterations = 20;

    /// <summary>Clusters <paramref name="rows"/> (all of one length) into at most <paramref name="k"/> clusters.</summary>
    public static KMeansResult Fit(IReadOnlyList<double[]> rows, int k, Random random, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (rows.Count == 0)
        {
            return new KMeansResult([], []);
        }

        var centroids = Seed(rows, Math.Min(k, DistinctCount(rows)), random);
        var assignments = Assign(rows, centroids);
        for (var i = 0; i < iterations; i++)
        {
            Update(rows, assignments, centroids);
            var next = Assign(rows, centroids);
            if (next.AsSpan().SequenceEqual(assignments))
            {
                break;
            }

            assignments = next;
        }

        return Compact(assignments, centroids);
    }

    /// <summary>Squared Euclidean distance.</summary>
    public static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    // k-means++ (Arthur and Vassilvitskii): the first centre uniformly, each next one with probability
    // proportional to its squared distance from the nearest centre chosen so far.
    private static double[][] Seed(IReadOnlyList<double[]> rows, int k, Random random)
    {
        var centroids = new List<double[]>(k) { (double[])rows[random.Next(rows.Count)].Clone() };
        var nearest = rows.Select(r => Distance(r, centroids[0])).ToArray();
        while (centroids.Count < k)
        {
            var total = nearest.Sum();
            if (total <= 0)
            {
                break; // unreachable while k <= distinct rows; guards against a degenerate input
            }

            var pick = Pick(nearest, random.NextDouble() * total);
            centroids.Add((double[])rows[pick].Clone());
            for (var i = 0; i < rows.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(rows[i], centroids[^1]));
            }
        }

        return [.. centroids];
    }

    // The first index whose running weight passes `target`; the last weighted index when rounding leaves it unreached.
    private static int Pick(double[] weights, double target)
    {
        var running = 0.0;
        var last = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            running += weights[i];
            last = i;
            if (running > target)
            {
                return i;
            }
        }

        return last;
    }

    private static int[] Assign(IReadOnlyList<double[]> rows, double[][] centroids)
    {
        var assignments = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var best = 0;
            var bestDistance = Distance(rows[i], centroids[0]);
            for (var c = 1; c < centroids.Length; c++)
            {
                var d = Distance(rows[i], centroids[c]);
                if (d < bestDistance)
                {
                    (best, bestDistance) = (c, d);
                }
            }

            assignments[i] = best;
        }

        return assignments;
    }

    // Centroids become the means of their rows; an emptied cluster takes over the worst-fitting row.
    private static void Update(IReadOnlyList<double[]> rows, int[] assignments, double[][] centroids)
    {
        var dimensions = centroids[0].Length;
        var sums = new double[centroids.Length][];
        var counts = new int[centroids.Length];
        for (var c = 0; c < centroids.Length; c++)
        {
            sums[c] = new double[dimensions];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var c = assignments[i];
            counts[c]++;
            for (var d = 0; d < dimensions; d++)
            {
                sums[c][d] += rows[i][d];
            }
        }

        for (var c = 0; c < centroids.Length; c++)
        {
            for (var d = 0; counts[c] > 0 && d < dimensions; d++)
            {
                centroids[c][d] = sums[c][d] / counts[c];
            }
        }

        // After the means, so a donor cluster's mean is taken over the rows it had. While K <= rows,
        // an empty cluster implies another with two or more rows to give one up.
        for (var c = 0; c < centroids.Length; c++)
        {
            if (counts[c] == 0)
            {
                var row = FarthestMovable(rows, assignments, centroids, counts);
                counts[assignments[row]]--;
                assignments[row] = c;
                counts[c] = 1;
                centroids[c] = (double[])rows[row].Clone();
            }
        }
    }

    private static int FarthestMovable(IReadOnlyList<double[]> rows, int[] assignments, double[][] centroids, int[] counts)
    {
        var best = -1;
        var bestDistance = -1.0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (counts[assignments[i]] < 2)
            {
                continue;
            }

            var d = Distance(rows[i], centroids[assignments[i]]);
            if (d > bestDistance)
            {
                (best, bestDistance) = (i, d);
            }
        }

        return best;
    }

    // Dense ids by first appearance in row order; centroids without rows are left out.
    private static KMeansResult Compact(int[] assignments, double[][] centroids)
    {
        var map = new Dictionary<int, int>();
        var ordered = new List<double[]>();
        var compact = new int[assignments.Length];
        for (var i = 0; i < assignments.Length; i++)
        {
            if (!map.TryGetValue(assignments[i], out var id))
            {
                id = map.Count;
                map[assignments[i]] = id;
                ordered.Add(centroids[assignments[i]]);
            }

            compact[i] = id;
        }

        return new KMeansResult(compact, [.. ordered]);
    }

    private static int DistinctCount(IReadOnlyList<double[]> rows)
        => rows.Distinct(RowComparer.Instance).Count();

    private sealed class RowComparer : IEqualityComparer<double[]>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(double[]? x, double[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(double[] obj)
        {
            var hash = new HashCode();
            foreach (var v in obj)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
