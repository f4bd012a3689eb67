using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>Checks of a published run folder made with an independent reader (DuckDB).</summary>
internal static class RunFolderAssert
{
    public static JsonDocument Manifest(string runDirectory)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "manifest.json")));

    /// <summary>Every shard the manifest lists exists, DuckDB counts its rows as the manifest says, and its sha256 matches.</summary>
    public static void ShardsMatchManifest(string runDirectory)
    {
        using var manifest = Manifest(runDirectory);
        var shards = manifest.RootElement.GetProperty("shards").EnumerateArray().ToList();
        Assert.NotEmpty(shards);
        Assert.Equal(
            Directory.GetFiles(runDirectory, "*.parquet", SearchOption.AllDirectories).Length,
            shards.Count);
        foreach (var shard in shards)
        {
            var path = Path.Combine(runDirectory, shard.GetProperty("path").GetString()!);
            Assert.Equal(shard.GetProperty("rows").GetInt64(), Scalar<long>($"SELECT count(*) FROM read_parquet('{path}')"));
            Assert.Equal(shard.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        }
    }

    public static T Scalar<T>(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

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

    /// <summary>All parquet files of a run folder, by relative path, with their bytes.</summary>
    public static SortedDictionary<string, byte[]> ShardBytes(string runDirectory)
        => new(Directory.GetFiles(runDirectory, "*.parquet", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(runDirectory, f), File.ReadAllBytes), StringComparer.Ordinal);
}
