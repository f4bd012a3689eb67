using DataForge.Core.Engine;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// The error rejects of a run (bad input lines, failed model calls, ...; not deliberate drops such as
/// dedup or selection) summarised for the terminal: the first few per reason with where they came
/// from, and how many there were per reason.
/// </summary>
/// <param name="Examples">The first <see cref="PerReason"/> error rejects of each reason, in reject order.</param>
/// <param name="Counts">Error rejects per reason.</param>
public sealed record RejectDigest(IReadOnlyList<RejectExample> Examples, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>Examples kept per reason.</summary>
    public const int PerReason = 3;

    /// <summary>No error rejects.</summary>
    public static RejectDigest Empty { get; } = new([], new Dictionary<string, long>());

    /// <summary>Reads the run's reject lanes (spill files) and keeps the first few error rejects per reason.</summary>
    public static async Task<RejectDigest> ReadAsync(IEnumerable<string> lanes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        var examples = new List<RejectExample>();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var lane in lanes)
        {
            await foreach (var sample in SpillFile.ReadAsync(lane, cancellationToken).ConfigureAwait(false))
            {
                if (sample.MetaText("reject_class") != "error" || sample.Reason is not { } reason)
                {
                    continue;
                }

                var seen = counts.GetValueOrDefault(reason);
                counts[reason] = seen + 1;
                if (seen < PerReason)
                {
                    examples.Add(new RejectExample(sample.Step ?? "", reason, sample.Source, sample.MetaText("detail")));
                }
            }
        }

        return new RejectDigest(examples, counts);
    }

    /// <summary>The lines to print: each example, then "… and N more REASON" where more were rejected.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var group in Examples.GroupBy(e => e.Reason, StringComparer.Ordinal))
        {
            foreach (var example in group)
            {
                var where = string.IsNullOrEmpty(example.Source) ? $"step {example.Step}" : example.Source;
                yield return string.IsNullOrEmpty(example.Detail)
                    ? $"rejected: {where}: {example.Reason}"
                    : $"rejected: {where}: {example.Reason}: {OneLine(example.Detail)}";
            }

            if (Counts.GetValueOrDefault(group.Key) - group.Count() is > 0 and var more)
            {
                yield return $"… and {more} more {group.Key}";
            }
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "…");
    }
}
