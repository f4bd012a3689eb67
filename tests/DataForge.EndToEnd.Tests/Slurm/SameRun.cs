using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>Two run folders hold the same run: the same Parquet bytes, and manifests equal apart from timings and partition bookkeeping.</summary>
internal static class SameRun
{
    /// <summary>Asserts that <paramref name="actual"/> holds the run of <paramref name="expected"/>.</summary>
    public static void Assert(string expected, string actual)
    {
        var want = Hashes(expected);
        var got = Hashes(actual);
        Xunit.Assert.NotEmpty(want);
        Xunit.Assert.Equal(want, got);
        var wantManifest = Comparable(expected);
        var gotManifest = Comparable(actual);
        Xunit.Assert.True(JsonNode.DeepEquals(wantManifest, gotManifest), $"manifest.json differs:\n--- single machine\n{wantManifest}\n--- merged\n{gotManifest}");
    }

    // data/*.parquet and rejects/*.parquet, by path relative to the run folder, with their sha256.
    private static SortedDictionary<string, string> Hashes(string run)
        => new(new[] { "data", "rejects" }.Where(d => Directory.Exists(Path.Combine(run, d)))
            .SelectMany(d => Directory.GetFiles(Path.Combine(run, d), "*.parquet"))
            .ToDictionary(f => Path.GetRelativePath(run, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    // The manifest without its timings and without any key naming partitions (what a merge may add about them).
    private static JsonNode Comparable(string run)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!;
        manifest.AsObject().Remove("timings");
        Strip(manifest);
        return manifest;
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).Where(k => k.Contains("partition", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, child) in obj)
            {
                Strip(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Strip(child);
            }
        }
    }
}
