using System.Collections.Immutable;

namespace DataForge.Core.Records;

/// <summary>Collects score values (one double per record and score) to summarize them for the manifest.</summary>
public sealed class ScoreCollector
{
    private readonly SortedDictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    /// <summary>Adds one record's scores.</summary>
    public void Add(ImmutableSortedDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        foreach (var (name, value) in scores)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>Count, mean and percentiles (nearest-rank) per score.</summary>
    public IReadOnlyDictionary<string, ScoreSummary> Summarize()
    {
        var result = new SortedDictionary<string, ScoreSummary>(StringComparer.Ordinal);
        foreach (var (name, values) in _values)
        {
            var sorted = values.Order().ToArray();
            result[name] = new ScoreSummary(sorted.Length, sorted.Average(), Rank(sorted, 0.1), Rank(sorted, 0.5), Rank(sorted, 0.9));
        }

        return result;
    }

    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
