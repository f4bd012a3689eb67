using System.Diagnostics;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Generation with many records in flight, requests of different records sharing forward passes,
/// gives the same run id and byte-identical shards as one record at a time in batches of one — also
/// when the batched run is killed part way and finished with other batch sizes.
/// </summary>
public sealed class ParallelGenerationTests
{
    private static readonly string[] Small = ["--limit", "16", "--set", "steps.evolve.rounds=1", "--set", "steps.evolve.max_tokens=24"];

    [Fact]
    public async Task EvolInstruct_ManyRecordsInFlight_SameShardsAsOneAtATime()
    {
        // Arrange: separate run stores, so the second run computes everything again.
        using var temp = new TempFolder();

        // Act
        var one = await Run(temp, "one", flight: 1, batch: 1);
        var many = await Run(temp, "many", flight: 16, batch: 8);

        // Assert
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(many.ExitCode == 0, many.ToString());
        AssertSameRun(temp.Combine("one"), temp.Combine("many"));
    }

    [Fact]
    public async Task EvolInstruct_BatchedRunKilledPartWay_FinishedWithOtherBatches_SameShardsAsOneAtATime()
    {
        // Arrange
        using var temp = new TempFolder();
        var store = temp.Combine("killed.sqlite");
        var one = await Run(temp, "one", flight: 1, batch: 1);

        // Act: 16 in flight in batches of 8, killed once some records are finished; then 5 in flight in batches of 3.
        using (var process = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, Arguments(temp, "killed", 16, 8)))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await StoreProbe.WaitForCachedResultsAsync(store, process, minimum: 3);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var resumed = await CliRunner.RunAsync(CliRunner.RepoRoot, Arguments(temp, "killed", 5, 3));

        // Assert
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertSameRun(temp.Combine("one"), temp.Combine("killed"));
        await using var ledger = RunStore.Open(store);
        var runId = RunFolderAssert.Manifest(temp.Combine("killed")).RootElement.GetProperty("run_id").GetString()!;
        var evolve = ledger.ReadLedger(runId)[^1].Steps.Single(s => s.Step == "evolve");
        Assert.True(evolve.CacheHits >= 1 && evolve.Computed >= 1, $"the rerun should take some evolutions from the store and compute others: {evolve}");
    }

    private static string[] Arguments(TempFolder temp, string name, int flight, int batch)
        => ["run", "pipelines/evol-instruct.toml", "--out", temp.Combine(name), "--store", temp.Combine(name + ".sqlite"), .. Small,
            "--set", $"steps.evolve.parallelism={flight}", "--set", $"models.tiny.batch_size={batch}"];

    private static Task<CliResult> Run(TempFolder temp, string name, int flight, int batch) => CliRunner.RunAsync(CliRunner.RepoRoot, Arguments(temp, name, flight, batch));

    private static void AssertSameRun(string expected, string actual)
    {
        using var manifest = RunFolderAssert.Manifest(actual);
        var evolve = manifest.RootElement.GetProperty("counts").GetProperty("steps").GetProperty("evolve");
        Assert.True(evolve.GetProperty("out").GetInt64() > 16, "evolve kept no evolution");
        Assert.Equal(RunFolderAssert.Manifest(expected).RootElement.GetProperty("run_id").GetString(), manifest.RootElement.GetProperty("run_id").GetString());
        Assert.Equal(RunFolderAssert.ShardBytes(expected), RunFolderAssert.ShardBytes(actual));
    }
}
