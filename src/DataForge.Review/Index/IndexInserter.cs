using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DataForge.Review.Index;

/// <summary>
/// The two prepared inserts, run once per row (the caller holds one transaction for the whole build), bound
/// through SQLite's C API directly: with 22 columns per row the ADO.NET parameter objects cost more than SQLite
/// itself. Text is encoded to UTF-8 in one reused buffer, and the full-text row is the record's texts joined.
/// </summary>
internal sealed class IndexInserter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _record;
    private readonly sqlite3_stmt _text;
    private byte[] _buffer = new byte[4096];

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
            SearchText(row);
            Step(_text);
            Count(0, row.Step, kept);
            Count(1, row.Reason, kept);
            Count(2, row.Kind, kept);
            Count(3, row.Language, kept);
            Count(4, row.Model, kept);
            Count(5, row.Operation, kept);
            Count(6, row.Round?.ToString(CultureInfo.InvariantCulture), kept);
        }
    }

    // Instruction, input, output and each message's content, one per line: the index keeps no positions or
    // columns (detail=none), so one column holds them all and each row is tokenized in one call.
    private void SearchText(IndexRow row)
    {
        var length = 0;
        Append(ref length, row.Instruction);
        Append(ref length, row.Input);
        Append(ref length, row.Output);
        foreach (var message in row.Messages ?? [])
        {
            Append(ref length, message.Content);
        }

        raw.sqlite3_bind_text(_text, 2, _buffer.AsSpan(0, length));
    }

    private void Append(ref int length, string? text)
    {
        if (text is null)
        {
            return;
        }

        var needed = length + Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(length));
        _buffer[length++] = (byte)'\n';
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

    private void Text(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(s, index);
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is free again once bound.
        raw.sqlite3_bind_text(s, index, _buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, _buffer)));
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
