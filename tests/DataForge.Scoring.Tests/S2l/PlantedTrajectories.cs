using DataForge.Core.Steps;

namespace DataForge.Scoring.Tests.S2l;

/// <summary>Synthetic loss trajectories: tight groups of the given sizes around centres far apart.</summary>
internal static class PlantedTrajectories
{
    /// <summary>The sizes of the "very different sizes" scenario of the spec tests.</summary>
    public static readonly int[] SpecSizes = [1, 2, 3, 10, 50, 400];

    /// <summary>Rows grouped by planted cluster (group g's rows come together), and each row's group.</summary>
    public static (List<double[]> Rows, List<int> Groups) Make(IReadOnlyList<int> sizes, int dimensions = 12, ulong seed = 7)
    {
        var random = DeterministicRandom.FromSeed(seed);
        var rows = new List<double[]>();
        var groups = new List<int>();
        for (var g = 0; g < sizes.Count; g++)
        {
            // Centre g decays from 10(g+1) at a group-specific rate: centres are at least 10 apart, noise is ±0.05.
            var centre = Enumerable.Range(0, dimensions).Select(t => 10.0 * (g + 1) * (1 - (0.02 * g * t / dimensions))).ToArray();
            for (var i = 0; i < sizes[g]; i++)
            {
                rows.Add([.. centre.Select(c => c + ((random.NextDouble() - 0.5) * 0.1))]);
                groups.Add(g);
            }
        }

        return (rows, groups);
    }

    /// <summary>How many of <paramref name="selected"/> rows fall in each group.</summary>
    public static int[] CountPerGroup(IEnumerable<int> selected, IReadOnlyList<int> groups, int groupCount)
    {
        var counts = new int[groupCount];
        foreach (var row in selected)
        {
            counts[groups[row]]++;
        }

        return counts;
    }
}
