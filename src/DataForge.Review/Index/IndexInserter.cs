using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DataForge.Review.Index;

/// <summary>
/// The two prepared inserts, run once per row in one transaction per group, bound through
/// SQLite's C API directly: with 22 columns per row the ADO.NET parameter objects cost more than SQLite itself.
/// </summary>
internal sealed class IndexInserter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _record;
    private readonly sqlite3_stmt _text;

    /// <summary>Per facet column (in <see cref="IndexSchema.Facets"/> order): value (null as empty) to kept and rejected counts.</summary>
    public Dictionary<string, long[]>[] Facets { get; } = [.. IndexSchema.Facets.Select(_ => new Dictionary<string, long[]>(StringComparer.Ordinal))];

    public IndexInserter(SqliteConnection connection)
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
            Text(s, 22, IndexBuilder.Title(row));
            Step(s);
            raw.sqlite3_bind_int64(_text, 1, rowid);
            Text(_text, 2, row.Instruction);
            Text(_text, 3, row.Input);
            Text(_text, 4, row.Output);
            Text(_text, 5, IndexBuilder.MessagesText(row));
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
