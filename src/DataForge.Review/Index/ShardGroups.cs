using DataForge.Storage.Shards;
using Parquet;
using Parquet.Serialization;

namespace DataForge.Review.Index;

/// <summary>Reads a shard one row group at a time (never the whole file), as <see cref="ShardRow"/> or, for rejects, <see cref="RejectRow"/>.</summary>
internal static class ShardGroups
{
    public static async Task<int> CountAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var groups = reader.RowGroupCount;
            await reader.DisposeAsync().ConfigureAwait(false);
            return groups;
        }
    }

    /// <summary>The indexed columns of one row group (data and rejects alike).</summary>
    public static async Task<IReadOnlyList<IndexRow>> ReadIndexedAsync(string path, int group, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var rows = await ParquetSerializer.DeserializeAsync<IndexRow>(stream, null, group, cancellationToken).ConfigureAwait(false);
            return [.. rows.Data];
        }
    }

    public static async Task<IReadOnlyList<ShardRow>> ReadAsync(string path, bool rejects, int group, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            if (rejects)
            {
                var rows = await ParquetSerializer.DeserializeAsync<RejectRow>(stream, null, group, cancellationToken).ConfigureAwait(false);
                return [.. rows.Data];
            }

            var data = await ParquetSerializer.DeserializeAsync<ShardRow>(stream, null, group, cancellationToken).ConfigureAwait(false);
            return [.. data.Data];
        }
    }
}
