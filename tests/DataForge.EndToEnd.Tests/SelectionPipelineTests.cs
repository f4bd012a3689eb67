using System.Globalization;
using System.Text.Json;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>pipelines/select-*.toml on the real embedded model, small pools.</summary>
public sealed class SelectionPipelineTests
{
    [Fact]
    public async Task SelectIcIfd_KeepsTheTopShareWithReasonsAndScoreDistributions()
    {
        // Arrange
        using var temp = new TempFolder();
        var pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", "select-ic-ifd.toml");

        // Act
        var manifest = await RunTwiceAsync(temp, pipeline, ["--limit", "40"], ["seeds", "score", "select"], "score");

        // Assert: 10% of the scored records, each with IC-IFD, kept for being in the top.
        var select = manifest.RootElement.GetProperty("counts").GetProperty("steps").GetProperty("select");
        var scored = manifest.RootElement.GetProperty("counts").GetProperty("steps").GetProperty("score").GetProperty("out").GetInt64();
        Assert.Equal(scored / 10, select.GetProperty("out").GetInt64());
        var path = temp.Combine("run", "data", "*.parquet");
        Assert.Equal(scored / 10, Count($"SELECT count(*) FROM read_parquet('{path}') WHERE reason = 'kept_top_ic_ifd' AND ic_ifd IS NOT NULL AND ifd IS NOT NULL"));
        var scores = manifest.RootElement.GetProperty("scores");
        var before = scores.GetProperty("select.before").GetProperty("ic_ifd");
        var after = scores.GetProperty("select.after").GetProperty("ic_ifd");
        Assert.Equal(scored, before.GetProperty("count").GetInt64());
        Assert.True(after.GetProperty("p10").GetDouble() >= before.GetProperty("p90").GetDouble() - 1e-12, "the kept tenth sits above the pool's 90th percentile");
        var rejects = temp.Combine("run", "rejects", "*.parquet");
        Assert.Equal(scored - (scored / 10), Count($"SELECT count(*) FROM read_parquet('{rejects}') WHERE reason = 'below_budget' AND ic_ifd IS NOT NULL"));
    }

    [Fact]
    public async Task SelectS2l_ProxyTrainedOnThePool_KeepsTheShareAcrossSources()
    {
        // Arrange: eight records per read step, one epoch and four checkpoints: the algorithm unchanged, sized for a test.
        using var temp = new TempFolder();
        var pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", "select-s2l.toml");
        string[] small = ["--limit", "8", "--set", "steps.select.epochs=1", "--set", "steps.select.checkpoints=4", "--set", "steps.select.max_length=256"];

        // Act
        var manifest = await RunTwiceAsync(temp, pipeline, small, ["seeds", "python", "csharp", "select"], "select");

        // Assert: 30% of 24 records; every source contributes; every record has a cluster.
        var select = manifest.RootElement.GetProperty("counts").GetProperty("steps").GetProperty("select");
        Assert.Equal(24, select.GetProperty("in").GetInt64());
        Assert.Equal(7, select.GetProperty("out").GetInt64());
        var path = temp.Combine("run", "data", "*.parquet");
        Assert.Equal(3, Count($"SELECT count(DISTINCT origin) FROM read_parquet('{path}') WHERE reason = 'kept_s2l' AND s2l_cluster IS NOT NULL"));
    }

    [Fact]
    public async Task SelectLess_ArithmeticTargets_KeepsTheTopShareAndWritesTheDatastore()
    {
        // Arrange: forty candidates, two warm-up epochs: the algorithm unchanged, sized for a test.
        using var temp = new TempFolder();
        var pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", "select-less.toml");
        string[] small = ["--limit", "40", "--set", "steps.select.epochs=2", "--set", "steps.select.keep_fraction=0.1"];

        // Act
        var manifest = await RunTwiceAsync(temp, pipeline, small, ["seeds", "select"], "select");

        // Assert: 10% of 40 kept with their LESS score; the datastore holds one checkpoint per epoch.
        var path = temp.Combine("run", "data", "*.parquet");
        Assert.Equal(4, Count($"SELECT count(*) FROM read_parquet('{path}') WHERE reason = 'kept_top_less' AND less IS NOT NULL"));
        var rejects = temp.Combine("run", "rejects", "*.parquet");
        Assert.True(Count($"SELECT count(*) FROM read_parquet('{path}') WHERE less < (SELECT max(less) FROM read_parquet('{rejects}'))") == 0, "every kept record scores at least as high as every dropped one");
        Assert.Equal(2, Directory.GetFiles(temp.Combine("less-datastore"), "checkpoint-*.f32", SearchOption.AllDirectories).Length);
        Assert.True(manifest.RootElement.GetProperty("scores").GetProperty("select.after").GetProperty("less").GetProperty("count").GetInt64() == 4);
    }

    private static long Count(string sql) => RunFolderAssert.Scalar<long>(string.Create(CultureInfo.InvariantCulture, $"{sql}"));

    // Runs the pipeline, then again with --force: every stage keeps records, counts add up, the rerun
    // takes the costly step (scoring, proxy training) from the run store and writes the same bytes.
    private static async Task<JsonDocument> RunTwiceAsync(TempFolder temp, string pipeline, string[] extra, string[] stages, string cachedStep)
    {
        var store = temp.Combine("store.sqlite");
        string[] args = ["run", pipeline, "--out", temp.Combine("run"), "--store", store, .. extra];
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, args);
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        var second = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. args, "--force"]);
        Assert.True(second.ExitCode == 0, second.ToString());

        var manifest = RunFolderAssert.Manifest(temp.Combine("run"));
        var steps = manifest.RootElement.GetProperty("counts").GetProperty("steps");
        foreach (var name in stages)
        {
            var step = steps.GetProperty(name);
            Assert.True(step.GetProperty("out").GetInt64() >= 1, $"{name} kept nothing");
            if (step.GetProperty("in").GetInt64() > 0)
            {
                Assert.Equal(step.GetProperty("in").GetInt64(), step.GetProperty("out").GetInt64() + step.GetProperty("dropped").EnumerateObject().Sum(p => p.Value.GetInt64()));
            }
        }

        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        await using var ledger = RunStore.Open(store);
        var attempts = ledger.ReadLedger(manifest.RootElement.GetProperty("run_id").GetString()!);
        Assert.Equal(0, attempts[^1].Steps.Single(s => s.Step == cachedStep).Computed);
        var secondShards = RunFolderAssert.ShardBytes(temp.Combine("run"));
        Assert.All(firstShards, kv => Assert.Equal(kv.Value, secondShards[kv.Key]));
        return manifest;
    }
}
