using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DataForge.Review.Index;

/// <summary>
/// The aggregates the overview and the filter lists show (facet counts, histograms) are computed once,
/// right after the index is built, and kept in its <c>stats</c> table: opening a run of a million
/// records again shows them at once.
/// </summary>
public sealed partial class ReviewIndex
{
    /// <summary>Bins of the overview's histograms.</summary>
    public const int HistogramBins = 20;

    private void StoreStats()
    {
        var stats = new List<(string Key, string Value)>();
        foreach (var facet in IndexSchema.Facets)
        {
            stats.Add(($"facet:{facet}", JsonSerializer.Serialize(Facet(facet).Select(f => new FacetCount(f.Value, f.Kept, f.Rejected)).ToList())));
        }

        foreach (var column in IndexSchema.Scores.Append("output_len"))
        {
            stats.Add(($"hist:{column}/{HistogramBins}", JsonSerializer.Serialize(HistogramOf(column, HistogramBins))));
        }

        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR REPLACE INTO stats(key, value) VALUES ($key, $value)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        foreach (var (k, v) in stats)
        {
            key.Value = k;
            value.Value = v;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void LoadStats()
    {
        foreach (var (key, value) in Query("SELECT key, value FROM stats", null, r => (r.GetString(0), r.GetString(1))))
        {
            if (key.StartsWith("facet:", StringComparison.Ordinal))
            {
                _facets[key["facet:".Length..]] = [.. JsonSerializer.Deserialize<List<FacetCount>>(value)!.Select(f => (f.Value, f.Kept, f.Rejected))];
            }
            else if (key.StartsWith("hist:", StringComparison.Ordinal))
            {
                _histograms[key["hist:".Length..]] = JsonSerializer.Deserialize<Histogram>(value);
            }
        }
    }
}

/// <summary>One value of a facet column with its kept and rejected counts (as stored in the index's <c>stats</c> table).</summary>
internal sealed record FacetCount(string Value, long Kept, long Rejected);
