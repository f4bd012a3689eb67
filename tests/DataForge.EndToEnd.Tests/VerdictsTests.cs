using System.Text.Json;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge run --verdicts FILE</c> on pipelines/select-ic-ifd.toml (top 10% by IC-IFD), with hand-written verdicts files.</summary>
public sealed class VerdictsTests
{
    private static readonly string Pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", "select-ic-ifd.toml");

    [Fact]
    public async Task Run_WithVerdicts_RejectDropsTheSeed_AcceptPinsThroughTheBudget_FlagMarks()
    {
        // Arrange: a run without verdicts names the records: its two best are kept, its worst dropped below budget.
        using var temp = new TempFolder();
        var store = temp.Combine("store.sqlite");
        var baseline = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", Pipeline, "--limit", "30", "--out", temp.Combine("base"), "--store", store);
        Assert.True(baseline.ExitCode == 0, baseline.ToString());
        var kept = Ids($"SELECT id FROM read_parquet('{temp.Combine("base", "data", "*.parquet")}') ORDER BY ic_ifd DESC, id");
        var worst = Ids($"SELECT id FROM read_parquet('{temp.Combine("base", "rejects", "*.parquet")}') WHERE reason = 'below_budget' ORDER BY ic_ifd, id LIMIT 1").Single();
        Assert.True(kept.Count >= 2, baseline.ToString());
        var (rejected, flagged) = (kept[0], kept[1]);
        var verdicts = temp.Write("verdicts.jsonl", string.Join('\n',
            $$"""{"id": "{{rejected}}", "verdict": "accept"}""",
            "",
            $$"""{"id": "{{worst}}", "verdict": "accept", "reviewer": "bo"}""",
            $$"""{"id": "{{flagged}}", "verdict": "flag", "note": "check the arithmetic"}""",
            $$"""{"id": "{{rejected}}", "verdict": "reject", "note": "copied from a benchmark", "reviewer": "ana", "at": "2026-12-07T09:00:00Z"}""",
            ""));

        // Act
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", Pipeline, "--limit", "30", "--out", temp.Combine("reviewed"), "--store", store, "--verdicts", verdicts);

        // Assert: the last verdict on the best record (reject) wins: it leaves at the read step, with its note, not as an error.
        Assert.True(run.ExitCode == 0, run.ToString());
        var data = temp.Combine("reviewed", "data", "*.parquet");
        var rejects = temp.Combine("reviewed", "rejects", "*.parquet");
        Assert.Empty(Ids($"SELECT id FROM read_parquet('{data}') WHERE id = '{rejected}'"));
        var reject = Assert.Single(RunFolderAssert.Rows($"SELECT step, meta FROM read_parquet('{rejects}') WHERE id = '{rejected}' AND reason = 'reviewer_rejected'"));
        Assert.Equal("seeds", reject[0]);
        using (var meta = JsonDocument.Parse((string)reject[1]!))
        {
            Assert.Equal("copied from a benchmark", meta.RootElement.GetProperty("review_note").GetString());
            Assert.Equal("ana", meta.RootElement.GetProperty("reviewer").GetString());
            Assert.False(meta.RootElement.TryGetProperty("reject_class", out _));
        }

        // The worst record survives the selection, pinned, and the kept count is still the budget (10% of what was scored).
        using var manifest = RunFolderAssert.Manifest(temp.Combine("reviewed"));
        var steps = manifest.RootElement.GetProperty("counts").GetProperty("steps");
        Assert.Equal(1, steps.GetProperty("seeds").GetProperty("dropped").GetProperty("reviewer_rejected").GetInt64());
        var selected = steps.GetProperty("select");
        Assert.Equal(selected.GetProperty("in").GetInt64() / 10, selected.GetProperty("out").GetInt64());
        Assert.Equal(selected.GetProperty("out").GetInt64(), RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}')"));
        Assert.Equal(["kept_reviewer_accepted"], Ids($"SELECT reason FROM read_parquet('{data}') WHERE id = '{worst}'"));
        Assert.Equal(["check the arithmetic"], Ids($"SELECT meta FROM read_parquet('{data}') WHERE id = '{flagged}'").Select(FlagOf));
        Assert.Equal(0, manifest.RootElement.GetProperty("outcome").GetProperty("error_rejects").GetInt64());
        var review = manifest.RootElement.GetProperty("review");
        Assert.Equal((1, 1, 1), (review.GetProperty("accept").GetInt32(), review.GetProperty("reject").GetInt32(), review.GetProperty("flag").GetInt32()));
        Assert.NotEqual(RunId(temp.Combine("base")), manifest.RootElement.GetProperty("run_id").GetString());
        Assert.False(HasReview(temp.Combine("base")));
        RunFolderAssert.ShardsMatchManifest(temp.Combine("reviewed"));
    }

    [Fact]
    public async Task Run_MalformedVerdictsLine_RefusedWithFileAndLine_NothingRun()
    {
        // Arrange
        using var temp = new TempFolder();
        var verdicts = temp.Write("verdicts.jsonl", "{\"id\": \"0123\", \"verdict\": \"reject\"}\n{\"id\": \"4567\", \"verdict\": \"remove\"}\n");

        // Act
        var run = await CliRunner.RunAsync(temp.Path, "run", Pipeline, "--limit", "5", "--out", temp.Combine("run"), "--verdicts", "verdicts.jsonl");

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("verdicts.jsonl(2,1): error DF1021: record 4567: unknown verdict \"remove\"", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("run")), run.ToString());
        Assert.True(File.Exists(verdicts));
    }

    private static List<string> Ids(string sql) => [.. RunFolderAssert.Rows(sql).Select(r => (string)r[0]!)];

    private static string RunId(string runDirectory)
    {
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        return manifest.RootElement.GetProperty("run_id").GetString()!;
    }

    private static bool HasReview(string runDirectory)
    {
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        return manifest.RootElement.TryGetProperty("review", out _);
    }

    private static string FlagOf(string meta)
    {
        using var json = JsonDocument.Parse(meta);
        return json.RootElement.GetProperty("review_flag").GetString()!;
    }
}
