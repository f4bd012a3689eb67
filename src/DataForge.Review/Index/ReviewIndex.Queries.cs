using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace DataForge.Review.Index;

/// <summary>The queries the pages make; each reads one page or one aggregate, never the whole run.</summary>
public sealed partial class ReviewIndex
{
    /// <summary>The most matches a filtered list counts; past it the page says "more than" this many.</summary>
    public const long CountLimit = 10_000;

    /// <summary>
    /// One page of the records matching <paramref name="query"/>, and how many match in all: exact up to
    /// <see cref="CountLimit"/>; past it <c>Total</c> is the limit and <c>More</c> is true (counting every
    /// match of a broad filter over a million records costs more than the page itself).
    /// </summary>
    public (IReadOnlyList<IndexedRecord> Rows, long Total, bool More) Page(SampleQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, bind) = Where(query);
        var total = where.Length == 0 ? Count : Scalar($"SELECT count(*) FROM (SELECT 1 FROM records{where} LIMIT {CountLimit + 1})", bind);
        var more = total > CountLimit && where.Length > 0;
        total = more ? CountLimit : total;
        var rows = Query(
            $"SELECT {IndexedRecord.Columns} FROM records{where}{OrderBy(query)} LIMIT $limit OFFSET $offset",
            c =>
            {
                bind(c);
                c.Parameters.AddWithValue("$limit", query.PageSize);
                c.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
            },
            IndexedRecord.Read);
        return (rows, total, more);
    }

    /// <summary>The record at <paramref name="offset"/> (from 0) of the list <paramref name="query"/> gives, or null.</summary>
    public IndexedRecord? At(SampleQuery query, long offset)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (offset < 0)
        {
            return null;
        }

        var (where, bind) = Where(query);
        return Query(
            $"SELECT {IndexedRecord.Columns} FROM records{where}{OrderBy(query)} LIMIT 1 OFFSET $offset",
            c =>
            {
                bind(c);
                c.Parameters.AddWithValue("$offset", offset);
            },
            IndexedRecord.Read).FirstOrDefault();
    }

    /// <summary>The record with <paramref name="id"/> (the kept row when it is also among the rejects), or null.</summary>
    public IndexedRecord? Find(string id)
        => Query($"SELECT {IndexedRecord.Columns} FROM records WHERE id = $id ORDER BY kept DESC, rowid LIMIT 1", c => c.Parameters.AddWithValue("$id", id), IndexedRecord.Read).FirstOrDefault();

    /// <summary>The seed <paramref name="rootId"/> and every record derived from it (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<IndexedRecord> Lineage(string rootId, int limit)
        => Query(
            $"SELECT {IndexedRecord.Columns} FROM records WHERE id = $root OR root_id = $root ORDER BY rowid LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$root", rootId);
                c.Parameters.AddWithValue("$limit", limit);
            },
            IndexedRecord.Read);

    /// <summary>Per facet column: each value (null as empty) with its kept and rejected counts, most frequent first.</summary>
    public IReadOnlyList<(string Value, long Kept, long Rejected)> Facet(string column)
    {
        var name = Column(column, IndexSchema.Facets);
        return _facets.GetOrAdd(name, _ => Query(
            $"SELECT coalesce(CAST({name} AS TEXT), ''), sum(kept), count(*) - sum(kept) FROM records GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200",
            null,
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2))));
    }

    /// <summary>A histogram of <paramref name="column"/> (a score or length) in <paramref name="bins"/> equal bins, kept and dropped apart; null when it has no value.</summary>
    public Histogram? HistogramOf(string column, int bins)
        => _histograms.GetOrAdd($"{Column(column, IndexSchema.Sortable)}/{bins}", _ => ComputeHistogram(column, bins));

    private Histogram? ComputeHistogram(string column, int bins)
    {
        var name = Column(column, IndexSchema.Sortable);
        var range = Query($"SELECT min({name}), max({name}) FROM records WHERE {name} IS NOT NULL", null, r => r.IsDBNull(0) ? ((double, double)?)null : (r.GetDouble(0), r.GetDouble(1)))[0];
        if (range is not var (low, high))
        {
            return null;
        }

        var width = high > low ? (high - low) / bins : 1;
        var kept = new long[bins];
        var dropped = new long[bins];
        foreach (var (bin, isKept, count) in Query(
            $"SELECT min(CAST(({name} - $low) / $width AS INTEGER), $last), kept, count(*) FROM records WHERE {name} IS NOT NULL GROUP BY 1, 2",
            c =>
            {
                c.Parameters.AddWithValue("$low", low);
                c.Parameters.AddWithValue("$width", width);
                c.Parameters.AddWithValue("$last", bins - 1);
            },
            r => (r.GetInt32(0), r.GetInt64(1) == 1, r.GetInt64(2))))
        {
            (isKept ? kept : dropped)[bin] += count;
        }

        return new Histogram(column, low, high, kept, dropped);
    }

    /// <summary>The percentage of the run's records with a value of <paramref name="column"/> below <paramref name="value"/> (0–100).</summary>
    public double Percentile(string column, double value)
    {
        var name = Column(column, IndexSchema.Sortable);
        var below = Scalar($"SELECT count(*) FROM records WHERE {name} < $v", c => c.Parameters.AddWithValue("$v", value));
        var all = Scalar($"SELECT count(*) FROM records WHERE {name} IS NOT NULL", null);
        return all == 0 ? 0 : 100.0 * below / all;
    }

    /// <summary>Records of this index (kept or rejected) whose id <paramref name="other"/> lacks, at most <paramref name="limit"/>, and how many in all.</summary>
    public (IReadOnlyList<IndexedRecord> Rows, long Total) Without(ReviewIndex other, bool kept, int limit)
    {
        ArgumentNullException.ThrowIfNull(other);
        // A connection of its own (not pooled): the attached database must not outlive this query.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        connection.Open();
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS other";
            attach.Parameters.AddWithValue("$path", other.FilePath);
            attach.ExecuteNonQuery();
        }

        const string Missing = "FROM records WHERE kept = $kept AND id NOT IN (SELECT id FROM other.records WHERE kept = $kept)";
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) {Missing}";
        count.Parameters.AddWithValue("$kept", kept ? 1 : 0);
        var total = (long)count.ExecuteScalar()!;
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {IndexedRecord.Columns} {Missing} ORDER BY rowid LIMIT $limit";
        select.Parameters.AddWithValue("$kept", kept ? 1 : 0);
        select.Parameters.AddWithValue("$limit", limit);
        using var reader = select.ExecuteReader();
        var rows = new List<IndexedRecord>();
        while (reader.Read())
        {
            rows.Add(IndexedRecord.Read(reader));
        }

        return (rows, total);
    }

    private static string Column(string column, IReadOnlyList<string> allowed)
        => allowed.Contains(column) ? column : throw new ArgumentOutOfRangeException(nameof(column), column, "not an indexed column");

    // Records without the value last either way (SQLite's NULLs sort first ascending, last descending),
    // in a form the column's index can deliver in order.
    private static string OrderBy(SampleQuery query)
        => query.Sort.Length == 0 ? " ORDER BY rowid" : $" ORDER BY {Column(query.Sort, IndexSchema.Sortable)} {(query.Descending ? "DESC" : "ASC NULLS LAST")}, rowid";

    private static (string Where, Action<SqliteCommand> Bind) Where(SampleQuery query)
    {
        var clauses = new List<string>();
        var values = new List<(string, object)>();
        if (query.Status.Length > 0)
        {
            clauses.Add(query.Status == "kept" ? "kept = 1" : "kept = 0");
        }

        foreach (var (facet, value) in query.Equal)
        {
            // The column compared as stored (no CAST), so its index can serve the filter; round is an
            // INTEGER, which only the integer's own text names.
            var name = Column(facet, IndexSchema.Facets);
            if (name != "round")
            {
                clauses.Add($"{name} = $f_{name}");
                values.Add(($"$f_{name}", value));
            }
            else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var round) && round.ToString(CultureInfo.InvariantCulture) == value)
            {
                clauses.Add($"{name} = $f_{name}");
                values.Add(($"$f_{name}", round));
            }
            else
            {
                clauses.Add("0");
            }
        }

        foreach (var (score, low) in query.Min)
        {
            clauses.Add($"{Column(score, IndexSchema.Scores)} >= $min_{score}");
            values.Add(($"$min_{score}", low));
        }

        foreach (var (score, high) in query.Max)
        {
            clauses.Add($"{Column(score, IndexSchema.Scores)} <= $max_{score}");
            values.Add(($"$max_{score}", high));
        }

        if (SampleQuery.FtsExpression(query.Text) is { Length: > 0 } fts)
        {
            // The full-text matches drive the query (rowid lookups), unless a drop reason is chosen: then its
            // index does, each row checked against the matches ("+rowid" keeps the planner from seeking the
            // index once per full-text match).
            clauses.Add($"{(query.Equal.ContainsKey("reason") ? "+rowid" : "rowid")} IN (SELECT rowid FROM fts WHERE fts MATCH $q)");
            values.Add(("$q", fts));
        }

        var where = new StringBuilder();
        if (clauses.Count > 0)
        {
            where.Append(" WHERE ").AppendJoin(" AND ", clauses);
        }

        return (where.ToString(), c =>
        {
            foreach (var (name, value) in values)
            {
                c.Parameters.AddWithValue(name, value);
            }
        });
    }
}

/// <summary>A histogram of one column over a run, kept and dropped records apart.</summary>
/// <param name="Column">The column.</param>
/// <param name="Low">The smallest value.</param>
/// <param name="High">The largest value.</param>
/// <param name="Kept">Kept records per bin.</param>
/// <param name="Dropped">Dropped records per bin.</param>
public sealed record Histogram(string Column, double Low, double High, IReadOnlyList<long> Kept, IReadOnlyList<long> Dropped)
{
    /// <summary>The lower edge of bin <paramref name="bin"/>, formatted.</summary>
    public string Edge(int bin) => (Low + ((High - Low) * bin / Kept.Count)).ToString("G3", CultureInfo.InvariantCulture);
}
