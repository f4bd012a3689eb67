using System.Runtime.CompilerServices;
using System.Text.Json;
using DataForge.Storage.Shards;
using Parquet;
using Parquet.Serialization;

namespace DataForge.SelectionBench;

/// <summary>Reads a run folder back: its kept and rejected rows, and its manifest's step timings.</summary>
internal static class RunShards
{
    /// <summary>The kept rows (<c>data/</c>).</summary>
    public static IAsyncEnumerable<ShardRow> KeptAsync(string runDirectory, CancellationToken cancellationToken = default)
        => RowsAsync<ShardRow>(Path.Combine(runDirectory, "data"), cancellationToken);

    /// <summary>The dropped rows (<c>rejects/</c>).</summary>
    public static IAsyncEnumerable<RejectRow> RejectedAsync(string runDirectory, CancellationToken cancellationToken = default)
        => RowsAsync<RejectRow>(Path.Combine(runDirectory, "rejects"), cancellationToken);

    /// <summary>Seconds per step from <c>manifest.json</c>.</summary>
    public static IReadOnlyDictionary<string, double> Timings(string runDirectory)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "manifest.json")));
        return manifest.RootElement.TryGetProperty("timings", out var timings)
            ? timings.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal)
            : new Dictionary<string, double>();
    }

    private static async IAsyncEnumerable<T> RowsAsync<T>(string directory, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(directory, "*.parquet").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var groups = reader.RowGroupCount;
            await reader.DisposeAsync();

            for (var group = 0; group < groups; group++)
            {
                stream.Position = 0;
                var rows = await ParquetSerializer.DeserializeAsync<T>(stream, null, group, cancellationToken);
                foreach (var row in rows.Data)
                {
                    yield return row;
                }
            }
        }
    }
}
