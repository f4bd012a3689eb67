using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Runs.Diff;

/// <summary>
/// The records of a folder's data or rejects shards reduced to <c>id</c> → a 128-bit content hash
/// (no rows are held). The hash covers every column but <c>run_id</c>; an id that occurs more than
/// once gets the sum of its rows' hashes, so the order of rows does not matter but their number does.
/// </summary>
internal sealed class ShardDigest
{
    private ShardDigest(Dictionary<string, UInt128> records, IReadOnlyDictionary<string, ScoreSummary>? scores)
    {
        Records = records;
        Scores = scores;
    }

    /// <summary>Content hash per distinct id.</summary>
    public IReadOnlyDictionary<string, UInt128> Records { get; }

    /// <summary>Score summaries of the rows' score columns, when asked for.</summary>
    public IReadOnlyDictionary<string, ScoreSummary>? Scores { get; }

    /// <summary>Reads the shards <paramref name="manifest"/> lists under <paramref name="prefix"/> (<c>data/</c> or <c>rejects/</c>) of <paramref name="folder"/>.</summary>
    public static async Task<ShardDigest> ReadAsync<TRow>(string folder, RunManifest manifest, string prefix, bool summarizeScores, CancellationToken cancellationToken)
        where TRow : ShardRow, new()
    {
        var records = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        var scores = summarizeScores ? new ScoreCollector() : null;
        foreach (var shard in manifest.Shards.Where(s => s.Path.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, shard.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{Path.Combine(folder, "manifest.json")}: shard {shard.Path} is listed but missing");
            }

            await foreach (var row in ShardRows.ReadAsync<TRow>(path, cancellationToken).ConfigureAwait(false))
            {
                records[row.Id] = unchecked(records.GetValueOrDefault(row.Id) + Hash(row));
                scores?.Add(ScoresOf(row));
            }
        }

        return new ShardDigest(records, scores?.Summarize());
    }

    /// <summary>The 128-bit content hash of a row: SHA-256 of its JSON form without <c>run_id</c>, truncated.</summary>
    public static UInt128 Hash<TRow>(TRow row)
        where TRow : ShardRow
    {
        var runId = row.RunId;
        row.RunId = null;
        var json = JsonSerializer.SerializeToUtf8Bytes(row);
        row.RunId = runId;
        return BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(json));
    }

    private static ImmutableSortedDictionary<string, double> ScoresOf(ShardRow row)
    {
        var scores = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        Add(scores, "ifd", row.Ifd);
        Add(scores, "ic_ifd", row.IcIfd);
        Add(scores, "less", row.Less);
        Add(scores, "s2l_cluster", row.S2lCluster);
        return scores.ToImmutable();
    }

    private static void Add(ImmutableSortedDictionary<string, double>.Builder scores, string name, double? value)
    {
        if (value is { } v)
        {
            scores[name] = v;
        }
    }
}
