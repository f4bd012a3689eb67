using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Serialization;

namespace DataForge.Storage.Shards;

/// <summary>Reads the rows of a Parquet shard one row group at a time, so memory holds one group, not the file.</summary>
internal static class ShardRows
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var groups = reader.RowGroupCount;
            await reader.DisposeAsync().ConfigureAwait(false);
            for (var group = 0; group < groups; group++)
            {
                stream.Position = 0;
                var rows = await ParquetSerializer.DeserializeAsync<T>(stream, null, group, cancellationToken).ConfigureAwait(false);
                foreach (var row in rows.Data)
                {
                    yield return row;
                }
            }
        }
    }
}
