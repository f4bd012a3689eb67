using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Generation with many records in flight gives the same run id and byte-identical shards as one
/// record at a time: a step's parallelism never changes results.
/// </summary>
public sealed class ParallelGenerationTests
{
    private static readonly string[] Small = ["--limit", "6", "--set", "steps.evolve.rounds=1", "--set", "steps.evolve.max_tokens=24"];

    [Fact]
    public async Task EvolInstruct_ManyRecordsInFlight_SameShardsAsOneAtATime()
    {
        // Arrange: separate run stores, so the second run computes everything again.
        using var temp = new TempFolder();
        string[] alone = ["--set", "steps.evolve.parallelism=1"];
        string[] batched = ["--set", "steps.evolve.parallelism=12"];

        // Act
        var one = await CliRunner.RunAsync(CliRunner.RepoRoot, ["run", "pipelines/evol-instruct.toml", "--out", temp.Combine("one"), "--store", temp.Combine("one.sqlite"), .. Small, .. alone]);
        var many = await CliRunner.RunAsync(CliRunner.RepoRoot, ["run", "pipelines/evol-instruct.toml", "--out", temp.Combine("many"), "--store", temp.Combine("many.sqlite"), .. Small, .. batched]);

        // Assert
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(many.ExitCode == 0, many.ToString());
        using var manifest = RunFolderAssert.Manifest(temp.Combine("many"));
        var evolve = manifest.RootElement.GetProperty("counts").GetProperty("steps").GetProperty("evolve");
        Assert.True(evolve.GetProperty("out").GetInt64() >= 1, "evolve kept nothing");
        Assert.Equal(RunFolderAssert.Manifest(temp.Combine("one")).RootElement.GetProperty("run_id").GetString(), manifest.RootElement.GetProperty("run_id").GetString());
        Assert.Equal(RunFolderAssert.ShardBytes(temp.Combine("one")), RunFolderAssert.ShardBytes(temp.Combine("many")));
    }
}
