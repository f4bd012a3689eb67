using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace DataForge.EndToEnd.Tests.Partitions;

/// <summary>Partition runs and merges through the real CLI, and the comparison of a merged run with a single-machine one.</summary>
internal static class PartitionRuns
{
    /// <summary>Manifest keys that may differ between a merged and a single-machine run: timings, the work counters (cache hits differ), the partitions, the model servers' statistics and the notes (partitions print their own).</summary>
    private static readonly string[] Bookkeeping = ["timings", "work", "partitions", "endpoints", "notes"];

    /// <summary>Runs <paramref name="pipeline"/> as partition <paramref name="index"/> of <paramref name="count"/> into <paramref name="folder"/>; asserts exit 0.</summary>
    public static async Task<CliResult> PartitionAsync(string pipeline, int index, int count, string folder, params string[] options)
    {
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, ["run", pipeline, "--partition", $"{index}/{count}", "--out", folder, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The sha256 of every shard (data and rejects) of a run folder, by relative path.</summary>
    public static SortedDictionary<string, string> Shards(string runFolder)
    {
        var shards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(runFolder, "*.parquet", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            shards[Path.GetRelativePath(runFolder, file)] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return shards;
    }

    /// <summary>Asserts the merged run equals the single-machine run: every shard byte for byte, the manifest apart from bookkeeping, the dataset card.</summary>
    public static void AssertSameRun(string single, string merged)
    {
        var shards = Shards(single);
        Assert.Contains(shards.Keys, k => k.StartsWith("data", StringComparison.Ordinal));
        Assert.Equal(shards, Shards(merged));
        Assert.Equal(Manifest(single), Manifest(merged));
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "manifest.json")))!["partitions"]);
    }

    private static string Manifest(string runFolder)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "manifest.json")))!.AsObject();
        foreach (var key in Bookkeeping)
        {
            manifest.Remove(key);
        }

        return manifest.ToJsonString();
    }
}
