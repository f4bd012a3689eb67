using System.Globalization;
using System.Text;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;
using Microsoft.Data.Sqlite;

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
                using (var insert = new Inserter(connection))
                {
                    long rowid = 0;
                    var shards = manifest.Shards.OrderBy(s => s.Path.StartsWith("rejects/", StringComparison.Ordinal)).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
                    for (var shard = 0; shard < shards.Count; shard++)
                    {
                        var rejects = shards[shard].Path.StartsWith("rejects/", StringComparison.Ordinal);
                        Execute(connection, $"INSERT INTO shards VALUES ({shard.ToString(CultureInfo.InvariantCulture)}, '{shards[shard].Path.Replace("'", "''", StringComparison.Ordinal)}', {(rejects ? 1 : 0)})");
                        var file = Path.Combine(runFolder, shards[shard].Path);
                        var groups = await ShardGroups.CountAsync(file, cancellationToken).ConfigureAwait(false);
                        for (var group = 0; group < groups; group++)
                        {
                            var rows = await ShardGroups.ReadAsync(file, rejects, group, cancellationToken).ConfigureAwait(false);
                            insert.Group(rows, ref rowid, !rejects, shard, group);
                        }
                    }
                }

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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string Title(ShardRow row)
    {
        var text = row.Instruction ?? row.Messages?.FirstOrDefault()?.Content ?? row.Output ?? "";
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= TitleLength ? text : string.Concat(text.AsSpan(0, TitleLength), "…");
    }

    internal static string? MessagesText(ShardRow row)
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

    /// <summary>The two prepared inserts, run once per row in one transaction per group.</summary>
    private sealed class Inserter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _record;
        private readonly SqliteCommand _text;

        public Inserter(SqliteConnection connection)
        {
            _connection = connection;
            _record = connection.CreateCommand();
            _record.CommandText = IndexSchema.InsertRecord;
            foreach (var name in new[] { "rowid", "id", "kept", "step", "reason", "kind", "language", "model", "operation", "round", "ifd", "ic_ifd", "less", "s2l", "output_len", "instruction_len", "parent_id", "root_id", "shard", "grp", "row", "title" })
            {
                _record.Parameters.Add(new SqliteParameter("$" + name, null));
            }

            _text = connection.CreateCommand();
            _text.CommandText = IndexSchema.InsertText;
            foreach (var name in new[] { "rowid", "instruction", "input", "output", "messages" })
            {
                _text.Parameters.Add(new SqliteParameter("$" + name, null));
            }
        }

        public void Group(IReadOnlyList<ShardRow> rows, ref long rowid, bool kept, int shard, int group)
        {
            using var transaction = _connection.BeginTransaction();
            _record.Transaction = transaction;
            _text.Transaction = transaction;
            var values = new object?[22];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                rowid++;
                values[0] = rowid; values[1] = row.Id; values[2] = kept ? 1 : 0; values[3] = row.Step; values[4] = row.Reason;
                values[5] = row.Kind; values[6] = row.Language; values[7] = row.Model; values[8] = row.Operation; values[9] = row.Round;
                values[10] = row.Ifd; values[11] = row.IcIfd; values[12] = row.Less; values[13] = row.S2lCluster;
                values[14] = row.Output?.Length ?? 0; values[15] = row.Instruction?.Length ?? 0; values[16] = row.ParentId; values[17] = row.RootId;
                values[18] = shard; values[19] = group; values[20] = i; values[21] = Title(row);
                for (var p = 0; p < values.Length; p++)
                {
                    _record.Parameters[p].Value = values[p] ?? DBNull.Value;
                }

                _record.ExecuteNonQuery();
                _text.Parameters[0].Value = rowid;
                _text.Parameters[1].Value = (object?)row.Instruction ?? DBNull.Value;
                _text.Parameters[2].Value = (object?)row.Input ?? DBNull.Value;
                _text.Parameters[3].Value = (object?)row.Output ?? DBNull.Value;
                _text.Parameters[4].Value = (object?)MessagesText(row) ?? DBNull.Value;
                _text.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            _record.Dispose();
            _text.Dispose();
        }
    }
}
