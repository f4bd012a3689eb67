using System.Text.Json;
using DataForge.Core.Quality;
using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The README's main job: the default pipeline, through the built CLI, read back with DuckDB.</summary>
public sealed class DefaultPipelineTests(DefaultPipelineTests.TestSizedRun run) : IClassFixture<DefaultPipelineTests.TestSizedRun>
{
    [Fact]
    public async Task Run_DefaultPipeline_WritesShardsThatDuckDbReadsAsTheManifestSays()
    {
        // Arrange
        var runDirectory = run.Directory;

        // Act: the run of the fixture

        // Assert
        Assert.True(run.ExitCode == 0, run.Log);
        foreach (var file in new[] { "manifest.json", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(runDirectory, file)), file);
        }

        RunFolderAssert.ShardsMatchManifest(runDirectory);
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        var counts = manifest.RootElement.GetProperty("counts");
        // 10 seeds + 10 evolution attempts (kept, or rejected with their reason) + 100 edit sequences.
        Assert.Equal(120L, counts.GetProperty("kept").GetInt64() + counts.GetProperty("rejected").GetInt64());
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
        // The instructions that pass the quality rules (the seeds, and the few evolutions that are not gibberish) are scored by IC-IFD and the top 15% kept.
        var scored = counts.GetProperty("steps").GetProperty("score").GetProperty("out").GetInt64();
        Assert.InRange(scored, 7L, 20L);
        var selected = RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'instruction' AND reason = 'kept_top_ic_ifd' AND ic_ifd IS NOT NULL");
        Assert.Equal(scored * 15 / 100, selected);
        Assert.Equal(counts.GetProperty("kept").GetInt64() - 100L, selected);
        var rejects = Path.Combine(runDirectory, "rejects", "*.parquet");
        Assert.Equal(scored - selected, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{rejects}') WHERE step = 'select' AND reason = 'below_budget'"));
        // The embedded model's evolutions reach the quality rules, which drop most of them (made-up words, answers cut at max_tokens).
        Assert.True(RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{rejects}') WHERE step = 'quality' AND reason LIKE 'quality_%' AND operation IS NOT NULL AND parent_id IS NOT NULL AND round = 1 AND model LIKE 'tiny@%'") >= 1, "an evolved instruction is dropped by the quality rules");
        Assert.True(manifest.RootElement.GetProperty("scores").TryGetProperty("select.before", out _));
        Assert.Equal(100L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'edit_sequence' AND len(edits) >= 1"));
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

    [Fact]
    public void Run_DefaultPipeline_KeepsNoEvolutionThatFailsTheQualityRules()
    {
        // Arrange: the same rule code and defaults as the pipeline's quality step
        var evaluator = new QualityEvaluator(QualityFilterOptions.Default, WordList.Load(QualityFilterOptions.DefaultDictionary), ["en"]);
        var data = Path.Combine(run.Directory, "data", "*.parquet");
        var rejects = Path.Combine(run.Directory, "rejects", "*.parquet");
        const string Columns = "id, instruction, input, output, language, CAST(meta AS VARCHAR), step, reason";

        // Act: every evolution past the quality step (kept, or dropped by a later step), and those it dropped
        var passed = RunFolderAssert.Rows($"SELECT {Columns} FROM read_parquet('{data}') WHERE round >= 1 UNION ALL SELECT {Columns} FROM read_parquet('{rejects}') WHERE round >= 1 AND step IN ('length', 'score', 'select')");
        var dropped = RunFolderAssert.Rows($"SELECT {Columns} FROM read_parquet('{rejects}') WHERE round >= 1 AND step = 'quality'");

        // Assert
        Assert.NotEmpty(dropped);
        foreach (var row in passed)
        {
            Assert.Empty(evaluator.Evaluate(ToSample(row)).Failed);
            Assert.Equal(0, FailedInMeta(row).GetArrayLength());
        }

        foreach (var row in dropped)
        {
            var report = evaluator.Evaluate(ToSample(row));
            Assert.Equal((string)row[7]!, QualityRules.Reason(report.FirstFailed!.Value));
            Assert.Equal(report.Failed.Select(QualityRules.Name), FailedInMeta(row).EnumerateArray().Select(e => e.GetString()));
        }
    }

    private static Sample ToSample(object?[] row)
        => new() { Id = (string)row[0]!, Instruction = (string?)row[1], Input = (string?)row[2], Output = (string?)row[3], Language = (string?)row[4] };

    private static JsonElement FailedInMeta(object?[] row)
        => JsonDocument.Parse((string)row[5]!).RootElement.GetProperty("quality").GetProperty("failed").Clone();

    /// <summary>One test-sized run of the default pipeline, shared by the tests that read it: 10 records per read step (10 instructions, each evolved once, checked by the quality rules, scored and selected; 10 Python and 10 C# programs, 5 sequences each).</summary>
    public sealed class TestSizedRun : IAsyncLifetime
    {
        private readonly TempFolder _temp = new();

        public string Directory => _temp.Combine("run");

        public int ExitCode { get; private set; } = -1;

        public string Log { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--out", Directory, "--store", _temp.Combine("store.sqlite"), "--limit", "10");
            (ExitCode, Log) = (result.ExitCode, result.ToString());
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }

    // The manifest's work counters: model requests and linter checks.
    private static (long ModelRequests, long LintChecks) Work(string runDirectory)
    {
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        var work = manifest.RootElement.GetProperty("work");
        return (work.GetProperty("model_requests").GetInt64(), work.GetProperty("lint_checks").GetInt64());
    }
}
