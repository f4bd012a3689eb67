using DuckDB.NET.Data;

namespace DataForge.Review.Tests;

/// <summary>An independent reader of the run folders' Parquet (DuckDB).</summary>
internal static class Duck
{
    public static long Count(string sql) => Convert.ToInt64(Rows(sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public static List<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of a run folder (data and rejects), with a <c>kept</c> column.</summary>
    public static string All(string run)
        => $"(SELECT *, true AS kept FROM read_parquet('{run}/data/*.parquet') UNION ALL BY NAME SELECT *, false AS kept FROM read_parquet('{run}/rejects/*.parquet'))";
}
