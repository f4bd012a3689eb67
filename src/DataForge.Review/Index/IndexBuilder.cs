using System.Globalization;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;
using Microsoft.Data.Sqlite;

namespace DataForge.Review.Index;

/// <summary>
/// Builds a run's sidecar index: streamed one row group at a time, in one transaction (FTS5 flushes its
/// pending terms to a new segment at every commit, and merges them later), into a temporary file renamed
/// into place at the end (so a half-built index is never opened).
/// </summary>
internal static class IndexBuilder
{
    private const int TitleLength = 120;

    public static async Task BuildAsync(string runFolder, RunManifest manifest, string manifestSha, string path, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.Delete(temp);
        try
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString());
            await using (connection.ConfigureAwait(false))
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;");
                Execute(connection, IndexSchema.Create);
                var groups = new List<(int Shard, string File, bool Rejects, int Group)>();
                var shards = manifest.Shards.OrderBy(s => s.Path.StartsWith("rejects/", StringComparison.Ordinal)).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
                for (var shard = 0; shard < shards.Count; shard++)
                {
                    var rejects = shards[shard].Path.StartsWith("rejects/", StringComparison.Ordinal);
                    Execute(connection, $"INSERT INTO shards VALUES ({shard.ToString(CultureInfo.InvariantCulture)}, '{shards[shard].Path.Replace("'", "''", StringComparison.Ordinal)}', {(rejects ? 1 : 0)})");
                    var file = Path.Combine(runFolder, shards[shard].Path);
                    var count = await ShardGroups.CountAsync(file, cancellationToken).ConfigureAwait(false);
                    groups.AddRange(Enumerable.Range(0, count).Select(g => (shard, file, rejects, g)));
                }

                // Decoding group k + 1 overlaps inserting group k: two row groups in memory at most.
                using var insert = new IndexInserter(connection);
                long rowid = 0;
                Execute(connection, "BEGIN");
                Task<IReadOnlyList<IndexRow>>? next = groups.Count > 0 ? Read(groups[0], cancellationToken) : null;
                for (var i = 0; i < groups.Count; i++)
                {
                    var rows = await next!.ConfigureAwait(false);
                    next = i + 1 < groups.Count ? Read(groups[i + 1], cancellationToken) : null;
                    insert.Group(rows, ref rowid, !groups[i].Rejects, groups[i].Shard, groups[i].Group);
                }

                Execute(connection, "COMMIT");
                StoreFacets(connection, insert.Facets);
                Execute(connection, IndexSchema.Indexes);
                Execute(connection, $"INSERT INTO info VALUES ('manifest_sha256', '{manifestSha}'), ('schema', '{IndexSchema.Version}'), ('run_id', '{manifest.RunId.Replace("'", "''", StringComparison.Ordinal)}')");
                Execute(connection, "PRAGMA journal_mode=WAL;");
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static Task<IReadOnlyList<IndexRow>> Read((int Shard, string File, bool Rejects, int Group) group, CancellationToken cancellationToken)
        => Task.Run(() => ShardGroups.ReadIndexedAsync(group.File, group.Group, cancellationToken), cancellationToken);

    // The facet counts the overview and the filter lists show, counted while inserting (a GROUP BY per column afterwards costs a scan each).
    private static void StoreFacets(SqliteConnection connection, Dictionary<string, long[]>[] facets)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO stats(key, value) VALUES ($key, $value)";
        for (var i = 0; i < facets.Length; i++)
        {
            var counts = facets[i]
                .Select(kv => new FacetCount(kv.Key, kv.Value[0], kv.Value[1]))
                .OrderByDescending(f => f.Kept + f.Rejected).ThenBy(f => f.Value, StringComparer.Ordinal)
                .Take(200)
                .ToList();
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$key", $"facet:{IndexSchema.Facets[i]}");
            command.Parameters.AddWithValue("$value", System.Text.Json.JsonSerializer.Serialize(counts));
            command.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string Title(IndexRow row)
    {
        var text = row.Instruction ?? row.Messages?.FirstOrDefault()?.Content ?? row.Output ?? "";
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= TitleLength ? text : string.Concat(text.AsSpan(0, TitleLength), "…");
    }
}
