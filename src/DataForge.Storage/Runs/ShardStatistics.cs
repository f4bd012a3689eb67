using DataForge.Storage.Shards;

namespace DataForge.Storage.Runs;

/// <summary>Figures read back from a run folder's shards, for <c>dataforge inspect</c>.</summary>
/// <param name="RejectReasons">Rejects per reason.</param>
/// <param name="InstructionLengths">Instruction length in characters, per kept record.</param>
/// <param name="OutputLengths">Output length in characters, per kept record.</param>
/// <param name="Scores">Values of each score column, over kept records.</param>
/// <param name="EditsPerSequence">Number of edits of each kept edit sequence.</param>
public sealed record ShardStatistics(
    IReadOnlyDictionary<string, long> RejectReasons,
    IReadOnlyList<double> InstructionLengths,
    IReadOnlyList<double> OutputLengths,
    IReadOnlyDictionary<string, IReadOnlyList<double>> Scores,
    IReadOnlyList<double> EditsPerSequence)
{
    /// <summary>Reads the shards of <paramref name="runDirectory"/> row group by row group.</summary>
    public static async Task<ShardStatistics> ReadAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync<RejectRow>(Path.Combine(runDirectory, "rejects"), cancellationToken).ConfigureAwait(false))
        {
            var reason = row.Reason ?? "unknown";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        var instructions = new List<double>();
        var outputs = new List<double>();
        var scores = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var edits = new List<double>();
        await foreach (var row in RowsAsync<ShardRow>(Path.Combine(runDirectory, "data"), cancellationToken).ConfigureAwait(false))
        {
            instructions.Add(row.Instruction?.Length ?? 0);
            outputs.Add(row.Output?.Length ?? 0);
            Add(scores, "ifd", row.Ifd);
            Add(scores, "ic_ifd", row.IcIfd);
            Add(scores, "less", row.Less);
            Add(scores, "s2l_cluster", row.S2lCluster);
            if (row.Edits is { } e)
            {
                edits.Add(e.Count);
            }
        }

        return new ShardStatistics(reasons, instructions, outputs, scores.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value), edits);
    }

    private static void Add(SortedDictionary<string, List<double>> scores, string name, double? value)
    {
        if (value is { } v)
        {
            if (!scores.TryGetValue(name, out var list))
            {
                scores[name] = list = [];
            }

            list.Add(v);
        }
    }

    private static async IAsyncEnumerable<T> RowsAsync<T>(string directory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(directory, "*.parquet").Order(StringComparer.Ordinal))
        {
            await foreach (var row in ShardRows.ReadAsync<T>(file, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }
}
