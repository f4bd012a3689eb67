using System.Globalization;
using System.Text;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DataForge.Review.Index;

/// <summary>
/// Builds a run's sidecar index: streamed one row group at a time, one transaction per group, into a
/// temporary file renamed into place at the end (so a half-built index is never opened).
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
                using var insert = new Inserter(connection);
                long rowid = 0;
                Task<IReadOnlyList<IndexRow>>? next = groups.Count > 0 ? Read(groups[0], cancellationToken) : null;
                for (var i = 0; i < groups.Count; i++)
                {
                    var rows = await next!.ConfigureAwait(false);
                    next = i + 1 < groups.Count ? Read(groups[i + 1], cancellationToken) : null;
                    insert.Group(rows, ref rowid, !groups[i].Rejects, groups[i].Shard, groups[i].Group);
                }

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

    internal static string? MessagesText(IndexRow row)
    {
        if (row.Messages is not { Count: > 0 } messages)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(message.Content).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The two prepared inserts, run once per row in one transaction per group, bound through
    /// SQLite's C API directly: with 22 columns per row the ADO.NET parameter objects cost more than SQLite itself.
    /// </summary>
    private sealed class Inserter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _record;
        private readonly sqlite3_stmt _text;

        /// <summary>Per facet column (in <see cref="IndexSchema.Facets"/> order): value (null as empty) to kept and rejected counts.</summary>
        public Dictionary<string, long[]>[] Facets { get; } = [.. IndexSchema.Facets.Select(_ => new Dictionary<string, long[]>(StringComparer.Ordinal))];

        public Inserter(SqliteConnection connection)
        {
            _connection = connection;
            _record = Prepare(connection, IndexSchema.InsertRecord);
            _text = Prepare(connection, IndexSchema.InsertText);
        }

        public void Group(IReadOnlyList<IndexRow> rows, ref long rowid, bool kept, int shard, int group)
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                rowid++;
                var s = _record;
                raw.sqlite3_bind_int64(s, 1, rowid);
                Text(s, 2, row.Id);
                raw.sqlite3_bind_int(s, 3, kept ? 1 : 0);
                Text(s, 4, row.Step);
                Text(s, 5, row.Reason);
                Text(s, 6, row.Kind);
                Text(s, 7, row.Language);
                Text(s, 8, row.Model);
                Text(s, 9, row.Operation);
                Int(s, 10, row.Round);
                Real(s, 11, row.Ifd);
                Real(s, 12, row.IcIfd);
                Real(s, 13, row.Less);
                Int(s, 14, row.S2lCluster);
                raw.sqlite3_bind_int64(s, 15, row.Output?.Length ?? 0);
                raw.sqlite3_bind_int64(s, 16, row.Instruction?.Length ?? 0);
                Text(s, 17, row.ParentId);
                Text(s, 18, row.RootId);
                raw.sqlite3_bind_int(s, 19, shard);
                raw.sqlite3_bind_int(s, 20, group);
                raw.sqlite3_bind_int(s, 21, i);
                Text(s, 22, Title(row));
                Step(s);
                raw.sqlite3_bind_int64(_text, 1, rowid);
                Text(_text, 2, row.Instruction);
                Text(_text, 3, row.Input);
                Text(_text, 4, row.Output);
                Text(_text, 5, MessagesText(row));
                Step(_text);
                Count(0, row.Step, kept);
                Count(1, row.Reason, kept);
                Count(2, row.Kind, kept);
                Count(3, row.Language, kept);
                Count(4, row.Model, kept);
                Count(5, row.Operation, kept);
                Count(6, row.Round?.ToString(CultureInfo.InvariantCulture), kept);
            }

            transaction.Commit();
        }

        private void Count(int facet, string? value, bool kept)
        {
            var key = value ?? "";
            if (!Facets[facet].TryGetValue(key, out var counts))
            {
                Facets[facet][key] = counts = new long[2];
            }

            counts[kept ? 0 : 1]++;
        }

        public void Dispose()
        {
            _record.Dispose();
            _text.Dispose();
        }

        private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
        {
            Check(connection, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
            return statement;
        }

        private static void Text(sqlite3_stmt s, int index, string? value)
        {
            if (value is null)
            {
                raw.sqlite3_bind_null(s, index);
            }
            else
            {
                raw.sqlite3_bind_text(s, index, value);
            }
        }

        private static void Int(sqlite3_stmt s, int index, int? value)
        {
            if (value is { } v)
            {
                raw.sqlite3_bind_int(s, index, v);
            }
            else
            {
                raw.sqlite3_bind_null(s, index);
            }
        }

        private static void Real(sqlite3_stmt s, int index, double? value)
        {
            if (value is { } v)
            {
                raw.sqlite3_bind_double(s, index, v);
            }
            else
            {
                raw.sqlite3_bind_null(s, index);
            }
        }

        private void Step(sqlite3_stmt s)
        {
            var result = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            if (result != raw.SQLITE_DONE)
            {
                Check(_connection, result);
            }
        }

        private static void Check(SqliteConnection connection, int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            {
                throw new SqliteException($"SQLite error {result}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}", result);
            }
        }
    }
}
