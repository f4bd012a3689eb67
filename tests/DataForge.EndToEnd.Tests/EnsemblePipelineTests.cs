using System.Diagnostics;
using System.Globalization;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>pipelines/ensemble-instruct.toml on the real embedded models: in process (torch) and with models behind <c>dataforge serve</c> (openai).</summary>
public sealed class EnsemblePipelineTests
{
    // Forty seeds (both task types), four instructions per type, short instances and answers: the
    // algorithm unchanged, sized for a test on the tiny models.
    private static readonly string[] Small =
    [
        "--limit", "40", "--set", "steps.generate.instructions=4", "--set", "steps.generate.instance_max_tokens=96", "--set", "steps.vote.max_tokens=48",
    ];

    [Fact]
    public async Task EnsembleInstruct_TorchBackend_EveryStageKeepsRecordsCountsAddUpAndRerunSendsNoRequest()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act + Assert
        await RunTwiceAndCheckAsync(temp, Path.Combine(CliRunner.RepoRoot, "pipelines", "ensemble-instruct.toml"), ["tiny@", "tiny-medium@", "tiny-large@"]);
    }

    [Fact]
    public async Task EnsembleInstruct_GeneratorAndOneVoterServed_MixedBackendsSameChecks()
    {
        // Arrange: the generator and one voter behind `dataforge serve`, the other voter in process.
        using var temp = new TempFolder();
        using var generator = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, "serve", Path.Combine("models", "tiny"), "--port", "0"))!;
        using var voter = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, "serve", Path.Combine("models", "tiny-medium"), "--port", "0"))!;
        try
        {
            var generatorUrl = await UrlAsync(generator);
            var voterUrl = await UrlAsync(voter);
            var text = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "pipelines", "ensemble-instruct.toml"))
                .Replace("[models.tiny]\nbackend = \"tiny\"", $"[models.tiny]\nbackend = \"openai\"\nurls = [\"{generatorUrl}\"]\nmodel = \"tiny\"", StringComparison.Ordinal)
                .Replace("[models.tiny-medium]\nbackend = \"tiny\"\npath = \"../models/tiny-medium\"", $"[models.tiny-medium]\nbackend = \"openai\"\nurls = [\"{voterUrl}\"]\nmodel = \"tiny-medium\"", StringComparison.Ordinal)
                .Replace("\"../models/", $"\"{Path.Combine(CliRunner.RepoRoot, "models")}/", StringComparison.Ordinal)
                .Replace("path = \"../seeds/instructions\"", $"path = \"{Path.Combine(CliRunner.RepoRoot, "seeds", "instructions")}\"", StringComparison.Ordinal);
            Assert.Contains("backend = \"openai\"\nurls", text, StringComparison.Ordinal);
            var pipeline = temp.Combine("ensemble-served.toml");
            File.WriteAllText(pipeline, text);

            // Act + Assert
            await RunTwiceAndCheckAsync(temp, pipeline, ["openai:tiny", "openai:tiny-medium", "tiny-large@"]);
        }
        finally
        {
            generator.Kill(entireProcessTree: true);
            voter.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string> UrlAsync(Process server)
    {
        var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return first!["listening on ".Length..] + "/v1";
    }

    private static async Task RunTwiceAndCheckAsync(TempFolder temp, string pipeline, string[] modelIds)
    {
        var store = temp.Combine("store.sqlite");
        string[] args = ["run", pipeline, "--out", temp.Combine("run"), "--store", store, .. Small];
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, args);
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        var second = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. args, "--force"]);
        Assert.True(second.ExitCode == 0, second.ToString());

        // Every stage keeps at least one record; each step's in = out + dropped (the generator: out + dropped = records made).
        using var manifest = RunFolderAssert.Manifest(temp.Combine("run"));
        var steps = manifest.RootElement.GetProperty("counts").GetProperty("steps");
        foreach (var name in new[] { "seeds", "generate", "vote" })
        {
            Assert.True(steps.GetProperty(name).GetProperty("out").GetInt64() >= 1, $"{name} kept nothing");
        }

        var generate = steps.GetProperty("generate");
        Assert.Equal(40, generate.GetProperty("in").GetInt64());
        Assert.True(generate.GetProperty("out").GetInt64() <= 2 * 4, "at most four instructions per task type");
        var vote = steps.GetProperty("vote");
        var voteDropped = vote.GetProperty("dropped");
        Assert.Equal(generate.GetProperty("out").GetInt64(), vote.GetProperty("in").GetInt64());
        var inputsDropped = voteDropped.EnumerateObject().Where(p => p.Name != "vote_minority").Sum(p => p.Value.GetInt64()); // vote_minority: the losing candidates, extra rejects
        Assert.Equal(vote.GetProperty("in").GetInt64(), vote.GetProperty("out").GetInt64() + inputsDropped);
        var models = manifest.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.All(modelIds, prefix => Assert.Contains(models, id => id.StartsWith(prefix, StringComparison.Ordinal)));
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));

        // The rerun took the generation and every vote from the run store: no model request, byte-identical shards.
        await using var ledger = RunStore.Open(store);
        var runId = manifest.RootElement.GetProperty("run_id").GetString()!;
        var attempts = ledger.ReadLedger(runId);
        Assert.Equal(0, attempts[^1].Steps.Single(s => s.Step == "generate").Computed);
        Assert.Equal(40, attempts[^1].Steps.Single(s => s.Step == "generate").CacheHits);
        Assert.Equal(0, attempts[^1].Steps.Single(s => s.Step == "vote").Computed);
        var secondShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        Assert.Equal(firstShards.Keys, secondShards.Keys);
        Assert.All(firstShards, kv => Assert.Equal(kv.Value, secondShards[kv.Key]));

        // Kept records are the generator's tasks with the ensemble's votes; output-only ones have no input.
        var path = temp.Combine("run", "data", "*.parquet");
        var kept = manifest.RootElement.GetProperty("counts").GetProperty("kept").GetInt64();
        Assert.Equal(kept, RunFolderAssert.Scalar<long>(string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM read_parquet('{path}') WHERE operation = 'ensemble_instruct' AND votes IS NOT NULL")));
        Assert.Equal(0, RunFolderAssert.Scalar<long>(string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM read_parquet('{path}') WHERE json_extract_string(meta, '$.ensemble_type') = 'output_only' AND input IS NOT NULL")));
    }
}
