using System.Runtime.CompilerServices;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Runs;

/// <summary>The kept records of a finished run folder: the rows of the <c>data/</c> shards its manifest lists.</summary>
public static class KeptRows
{
    /// <summary>
    /// Reads the kept rows of <paramref name="runDirectory"/> one row group at a time, shard by shard in
    /// ordinal order of their paths and row by row within each, so the order is the same on every read.
    /// </summary>
    /// <exception cref="InvalidDataException">A shard the manifest lists is missing.</exception>
    public static async IAsyncEnumerable<ShardRow> ReadAsync(string runDirectory, RunManifest manifest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var shard in manifest.Shards.Where(s => s.Path.StartsWith("data/", StringComparison.Ordinal)).OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var path = Path.Combine(runDirectory, shard.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{Path.Combine(runDirectory, "manifest.json")}: shard {shard.Path} is listed but missing");
            }

            await foreach (var row in ShardRows.ReadAsync<ShardRow>(path, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }
}
