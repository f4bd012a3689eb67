using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The README's main job: the default pipeline, through the built CLI, read back with DuckDB.</summary>
public sealed class DefaultPipelineTests
{
    [Fact]
    public async Task Run_DefaultPipeline_WritesShardsThatDuckDbReadsAsTheManifestSays()
    {
        // Arrange
        using var temp = new TempFolder();
        var runDirectory = temp.Combine("run");

        // Act
        // Test-sized: 5 records per read step (5 instructions, each evolved once, scored and selected; 5 Python and 5 C# programs, 5 sequences each).
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--out", runDirectory, "--store", temp.Combine("store.sqlite"), "--limit", "5");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[] { "manifest.json", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(runDirectory, file)), file);
        }

        RunFolderAssert.ShardsMatchManifest(runDirectory);
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        var counts = manifest.RootElement.GetProperty("counts");
        // 5 seeds + 5 evolution attempts (kept, or rejected with their reason) + 50 edit sequences.
        Assert.Equal(60L, counts.GetProperty("kept").GetInt64() + counts.GetProperty("rejected").GetInt64());
        foreach (var step in counts.GetProperty("steps").EnumerateObject())
        {
            // Every stage keeps at least one record: a pipeline that drops everything is not a pass.
            Assert.True(step.Value.GetProperty("in").GetInt64() >= 1 || step.Value.GetProperty("out").GetInt64() >= 1, step.Name);
            Assert.True(step.Name == "out" || step.Value.GetProperty("out").GetInt64() >= 1, step.Name);
        }

        var card = await File.ReadAllTextAsync(Path.Combine(runDirectory, "README.md"));
        Assert.StartsWith("---\nconfigs:\n", card, StringComparison.Ordinal);
        var data = Path.Combine(runDirectory, "data", "*.parquet");
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE id IS NULL OR kind IS NULL OR run_id IS NULL"));
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE source LIKE '/%'"));
        // The instructions (seeds and kept evolutions) are scored by IC-IFD and the top 15% kept.
        var scored = counts.GetProperty("steps").GetProperty("score").GetProperty("out").GetInt64();
        Assert.InRange(scored, 6L, 10L);
        var selected = RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'instruction' AND reason = 'kept_top_ic_ifd' AND ic_ifd IS NOT NULL");
        Assert.Equal(scored * 15 / 100, selected);
        Assert.Equal(counts.GetProperty("kept").GetInt64() - 50L, selected);
        var rejects = Path.Combine(runDirectory, "rejects", "*.parquet");
        Assert.Equal(scored - selected, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{rejects}') WHERE step = 'select' AND reason = 'below_budget'"));
        Assert.True(RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{rejects}') WHERE step = 'select' AND operation IS NOT NULL AND parent_id IS NOT NULL AND round = 1 AND model LIKE 'tiny@%'") + RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE operation IS NOT NULL AND round = 1") >= 1, "an evolved instruction reaches the selection");
        Assert.True(manifest.RootElement.GetProperty("scores").TryGetProperty("select.before", out _));
        Assert.Equal(50L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'edit_sequence' AND len(edits) >= 1"));
        Assert.Equal(2L, RunFolderAssert.Scalar<long>($"SELECT count(DISTINCT language) FROM read_parquet('{data}') WHERE kind = 'edit_sequence'"));
    }

    [Fact]
    public async Task Run_SameConfigurationTwice_GivesByteIdenticalShards()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--out", temp.Combine("a"), "--store", temp.Combine("a.sqlite"), "--limit", "3");
        var second = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--out", temp.Combine("b"), "--store", temp.Combine("b.sqlite"), "--limit", "3");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var a = RunFolderAssert.ShardBytes(temp.Combine("a"));
        var b = RunFolderAssert.ShardBytes(temp.Combine("b"));
        Assert.Equal(a.Keys, b.Keys);
        Assert.NotEmpty(a);
        foreach (var (path, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between two runs of one configuration");
        }
    }

    [Fact]
    public async Task Run_CompleteRunFolder_SaysSoAndDoesNoWork_ForceRebuildsWithoutModelOrLinterWork()
    {
        // Arrange
        using var temp = new TempFolder();
        string[] args = ["run", "--out", temp.Combine("run"), "--store", temp.Combine("store.sqlite"), "--limit", "2"];
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, args);
        var stamp = File.GetLastWriteTimeUtc(temp.Combine("run", "manifest.json"));
        var firstWork = File.Exists(temp.Combine("run", "manifest.json")) ? Work(temp.Combine("run")) : (-1, -1);

        // Act
        var again = await CliRunner.RunAsync(CliRunner.RepoRoot, args);
        var forced = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. args, "--force"]);

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already complete", again.Stdout, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.True(File.GetLastWriteTimeUtc(temp.Combine("run", "manifest.json")) >= stamp);
        // The first run evolved and scored with the embedded model and linted programs; the forced rebuild found every result in the run store.
        Assert.True(firstWork.ModelRequests > 0 && firstWork.LintChecks > 0, $"first run's work: {firstWork}");
        Assert.Equal((0L, 0L), Work(temp.Combine("run")));
        Assert.Equal(24L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}')") + RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run", "rejects", "*.parquet")}')"));
    }

    // The manifest's work counters: model requests and linter checks.
    private static (long ModelRequests, long LintChecks) Work(string runDirectory)
    {
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        var work = manifest.RootElement.GetProperty("work");
        return (work.GetProperty("model_requests").GetInt64(), work.GetProperty("lint_checks").GetInt64());
    }
}
