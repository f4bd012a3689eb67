using System.Text.Json.Nodes;
using DataForge.Core.Records;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Tests.Runs.Diff;

/// <summary>A small run folder written with the project's own shard writer, and its manifest.</summary>
internal static class HandMadeRun
{
    public static ShardRow Kept(string id, string output = "out", double? ifd = null, string runId = "run")
        => new() { Id = id, Kind = "alpaca", Instruction = $"instruction {id}", Output = output, Ifd = ifd, RunId = runId, Step = "out" };

    public static RejectRow Rejected(string id, string reason = "not_sampled", string runId = "run")
        => new() { Id = id, Kind = "alpaca", Instruction = $"instruction {id}", RunId = runId, Step = "half", Reason = reason };

    /// <summary>Writes the shards into <paramref name="folder"/> and returns a manifest listing them (not written to disk unless asked).</summary>
    public static async Task<RunManifest> WriteAsync(
        string folder,
        string runId,
        IEnumerable<ShardRow> kept,
        IEnumerable<RejectRow> rejected,
        IReadOnlyDictionary<string, ManifestStepCount>? steps = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScoreSummary>>? scores = null,
        bool writeManifest = true)
    {
        var options = new ShardWriterOptions { ShardRows = 2, RowGroupRows = 2 };
        var data = new ParquetShardWriter<ShardRow>(Path.Combine(folder, "data"), "train", options);
        foreach (var row in kept)
        {
            await data.AppendAsync(row, CancellationToken.None);
        }

        var rejects = new ParquetShardWriter<RejectRow>(Path.Combine(folder, "rejects"), "rejects", options);
        foreach (var row in rejected)
        {
            await rejects.AppendAsync(row, CancellationToken.None);
        }

        var dataFiles = await data.CompleteAsync(CancellationToken.None);
        var rejectFiles = await rejects.CompleteAsync(CancellationToken.None);
        var manifest = new RunManifest(
            runId,
            new ManifestPipeline("hand-made", "pipeline.toml"),
            new JsonObject(),
            "seeds",
            "test",
            [],
            new ManifestCounts(dataFiles.Sum(f => f.Rows), rejectFiles.Sum(f => f.Rows), steps ?? new Dictionary<string, ManifestStepCount>()),
            [.. dataFiles.Concat(rejectFiles).Select(f => new ManifestShard(Path.GetRelativePath(folder, f.Path).Replace('\\', '/'), f.Rows, f.Sha256))],
            new Dictionary<string, double>(),
            scores ?? new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>>());
        if (writeManifest)
        {
            await ManifestJson.WriteAsync(manifest, Path.Combine(folder, "manifest.json"), CancellationToken.None);
        }

        return manifest;
    }

    public static ManifestStepCount Step(long @in, long @out, params (string Reason, long Count)[] dropped)
        => new(@in, @out, dropped.ToDictionary(d => d.Reason, d => d.Count));
}
