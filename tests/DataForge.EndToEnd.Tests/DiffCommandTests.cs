using System.Text.Json.Nodes;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Storage.Runs.Diff;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge diff A B</c> on two real runs, checked against DuckDB; and <c>RunRequest.DiffAgainst</c>.</summary>
public sealed class DiffCommandTests
{
    [Fact]
    public async Task Diff_TwoRuns_CountsWhatDuckDbReadsFromTheShards()
    {
        // Arrange: more seeds and another sampling seed, so records come and go.
        using var temp = new TempFolder();
        var (a, b) = (temp.Combine("a"), temp.Combine("b"));
        var runA = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "20", "--out", a);
        var runB = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "30", "--seed", "2", "--out", b);

        // Act
        var text = await CliRunner.RunAsync(CliRunner.RepoRoot, "diff", a, b);
        var json = await CliRunner.RunAsync(CliRunner.RepoRoot, "diff", a, b, "--json");

        // Assert
        Assert.True(runA.ExitCode == 0 && runB.ExitCode == 0, $"{runA}{runB}");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var diff = JsonNode.Parse(json.Stdout)!;
        foreach (var (kind, files) in new[] { ("kept", "data"), ("rejected", "rejects") })
        {
            var (before, after) = ($"read_parquet('{a}/{files}/*.parquet')", $"read_parquet('{b}/{files}/*.parquet')");
            var expected = new
            {
                Added = Count($"SELECT count(DISTINCT id) FROM {after} WHERE id NOT IN (SELECT id FROM {before})"),
                Removed = Count($"SELECT count(DISTINCT id) FROM {before} WHERE id NOT IN (SELECT id FROM {after})"),
                Unchanged = Count($"SELECT count(*) FROM (SELECT * EXCLUDE (run_id) FROM {after} INTERSECT SELECT * EXCLUDE (run_id) FROM {before})"),
                Common = Count($"SELECT count(DISTINCT id) FROM {after} WHERE id IN (SELECT id FROM {before})"),
            };
            var counts = diff[kind]!;
            Assert.Equal(expected.Added, counts["added"]!.GetValue<long>());
            Assert.Equal(expected.Removed, counts["removed"]!.GetValue<long>());
            Assert.Equal(expected.Unchanged, counts["unchanged"]!.GetValue<long>());
            Assert.Equal(expected.Common - expected.Unchanged, counts["changed"]!.GetValue<long>());
            Assert.True(expected.Added > 0 && expected.Removed > 0, $"{kind}: the runs should differ both ways: {json.Stdout}");
        }

        var kept = diff["kept"]!;
        Assert.Contains($"kept records:     {kept["added"]} added, {kept["removed"]} removed, {kept["changed"]} changed, {kept["unchanged"]} unchanged", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("half", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("not_sampled", diff["top_reason_changes"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OutputFolderAndAFolderWithoutManifest_TakesLatestAndExits2NamingTheFolder()
    {
        // Arrange: a pipeline output folder whose latest is the run.
        using var temp = new TempFolder();
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "10", "--out", temp.Combine("pipe", "r1"));
        File.CreateSymbolicLink(temp.Combine("pipe", "latest"), "r1");
        Directory.CreateDirectory(temp.Combine("empty"));

        // Act
        var same = await CliRunner.RunAsync(CliRunner.RepoRoot, "diff", temp.Combine("pipe", "r1"), temp.Combine("pipe"));
        var notARun = await CliRunner.RunAsync(CliRunner.RepoRoot, "diff", temp.Combine("pipe"), temp.Combine("empty"));

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("kept records:     0 added, 0 removed, 0 changed,", same.Stdout, StringComparison.Ordinal);
        Assert.Contains("drop reasons: no change", same.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, notARun.ExitCode);
        Assert.Equal($"error: {temp.Combine("empty")} is not a finished run folder (no manifest.json)", notARun.Stderr.Trim());
    }

    [Fact]
    public async Task RunExecutor_DiffAgainst_WritesTheDiffIntoManifestAndCard()
    {
        // Arrange: a previous run, then the same pipeline on more seeds diffed against it.
        using var temp = new TempFolder();
        var previous = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "20", "--out", temp.Combine("a"));
        var loaded = PipelineLoader.Load(Path.Combine(CliRunner.RepoRoot, "pipelines", "sample-seeds.toml"), ["run.limit=30"], StepRegistry.CreateDefault());
        var executor = new RunExecutor(loaded.Spec!, new RunRequest(temp.Combine("b"), DiffAgainst: temp.Combine("a")), TimeProvider.System);

        // Act
        var report = await executor.ExecuteAsync(CancellationToken.None);

        // Assert
        Assert.True(previous.ExitCode == 0, previous.ToString());
        var manifest = JsonNode.Parse(File.ReadAllText(temp.Combine("b", "manifest.json")))!;
        var diff = manifest["diff"]!;
        // Folders are written relative to the new run's folder: a manifest holds no path of the machine that made it.
        Assert.Equal("../a", diff["before"]!["folder"]!.GetValue<string>());
        Assert.Equal(".", diff["after"]!["folder"]!.GetValue<string>());
        Assert.Equal(report.RunId, diff["after"]!["run_id"]!.GetValue<string>());
        Assert.Equal(report.Kept, diff["kept"]!["added"]!.GetValue<long>() + diff["kept"]!["unchanged"]!.GetValue<long>() + diff["kept"]!["changed"]!.GetValue<long>());
        Assert.True(diff["kept"]!["added"]!.GetValue<long>() > 0, diff.ToJsonString());
        Assert.Contains(RunDiffFormat.CardHeading, File.ReadAllText(temp.Combine("b", "README.md")), StringComparison.Ordinal);
    }

    private static long Count(string sql) => RunFolderAssert.Scalar<long>(sql);
}
