using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>pipelines/evol-instruct.toml and code-evol-instruct.toml on the real embedded model: in process (torch) and through <c>dataforge serve</c> (openai).</summary>
public sealed class EvolPipelineTests
{
    // Two seeds, one round of 32-token requests: the algorithm unchanged, sized for a test on the tiny model.
    private static readonly string[] Small = ["--limit", "2", "--set", "steps.evolve.rounds=1", "--set", "steps.evolve.max_tokens=32"];

    [Theory]
    [InlineData("evol-instruct.toml")]
    [InlineData("code-evol-instruct.toml")]
    public async Task EvolInstruct_TorchBackend_EveryStageKeepsRecordsCountsAddUpAndRerunSendsNoRequest(string file)
    {
        // Arrange
        using var temp = new TempFolder();
        var pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", file);

        // Act + Assert
        await RunTwiceAndCheckAsync(temp, pipeline);
    }

    [Fact]
    public async Task EvolInstruct_ThroughServeAndTheOpenAiClient_SameChecks()
    {
        // Arrange: the same pipeline with the model behind `dataforge serve` on loopback.
        using var temp = new TempFolder();
        using var server = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, "serve", Path.Combine("models", "tiny"), "--port", "0"))!;
        try
        {
            var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var url = first!["listening on ".Length..] + "/v1";
            var text = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "pipelines", "evol-instruct.toml"))
                .Replace("backend = \"tiny\"", $"backend = \"openai\"\nurls = [\"{url}\"]\nmodel = \"tiny\"", StringComparison.Ordinal)
                .Replace("path = \"../seeds/instructions\"", $"path = \"{Path.Combine(CliRunner.RepoRoot, "seeds", "instructions")}\"", StringComparison.Ordinal);
            var pipeline = temp.Combine("evol-served.toml");
            File.WriteAllText(pipeline, text);

            // Act + Assert
            await RunTwiceAndCheckAsync(temp, pipeline);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static async Task RunTwiceAndCheckAsync(TempFolder temp, string pipeline)
    {
        var store = temp.Combine("store.sqlite");
        string[] args = ["run", pipeline, "--out", temp.Combine("run"), "--store", store, .. Small];
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, args);
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        var second = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. args, "--force"]);
        Assert.True(second.ExitCode == 0, second.ToString());

        // Every stage keeps at least one record, and each step's in/out/dropped add up.
        using var manifest = RunFolderAssert.Manifest(temp.Combine("run"));
        var steps = manifest.RootElement.GetProperty("counts").GetProperty("steps");
        foreach (var name in new[] { "seeds", "evolve", "novel" })
        {
            Assert.True(steps.GetProperty(name).GetProperty("out").GetInt64() >= 1, $"{name} kept nothing");
        }

        var evolve = steps.GetProperty("evolve");
        var dropped = evolve.GetProperty("dropped").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(2, evolve.GetProperty("in").GetInt64());
        Assert.Equal(2 * (1 + 1), evolve.GetProperty("out").GetInt64() + dropped); // each seed: itself + one round, kept or rejected
        var novel = steps.GetProperty("novel");
        Assert.Equal(novel.GetProperty("in").GetInt64(), novel.GetProperty("out").GetInt64() + novel.GetProperty("dropped").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(evolve.GetProperty("out").GetInt64(), novel.GetProperty("in").GetInt64());
        var modelId = manifest.RootElement.GetProperty("models")[0].GetProperty("id").GetString()!;
        Assert.Matches("^(tiny@[0-9a-f]{16}|openai:tiny(@.+)?)$", modelId); // served: with the identity the server reports, if any
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));

        // The rerun took every evolution from the run store: no model request, byte-identical shards.
        await using var ledger = RunStore.Open(store);
        var runId = manifest.RootElement.GetProperty("run_id").GetString()!;
        var attempts = ledger.ReadLedger(runId);
        var rerun = attempts[^1].Steps.Single(s => s.Step == "evolve");
        Assert.Equal(0, rerun.Computed);
        Assert.Equal(2, rerun.CacheHits);
        var secondShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        Assert.Equal(firstShards.Keys, secondShards.Keys);
        Assert.All(firstShards, kv => Assert.Equal(kv.Value, secondShards[kv.Key]));
        // Seeds carry no operation; every evolved record names the evolver's identity.
        var rows = RunFolderAssert.Scalar<long>(string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}') WHERE operation IS NULL OR model = '{modelId}'"));
        Assert.Equal(manifest.RootElement.GetProperty("counts").GetProperty("kept").GetInt64(), rows);
    }
}
