using Xunit;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>Every build reads <c>builds/NAME/verdicts.jsonl</c>: a rejected id leaves with <c>reviewer_rejected</c>, an accepted one survives the selection that dropped it.</summary>
public sealed class BuildVerdictsTests
{
    [Fact]
    public async Task Build_WithVerdictsFile_RejectedIdLeaves_AcceptedIdSurvivesSelection_NothingUpstreamRecomputed()
    {
        // Arrange: a first build of the default pipeline; one kept instruction and one the selection dropped.
        using var workspace = BuildWorkspace.Default(instructions: 8, programs: 1);
        var first = await workspace.BuildAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstDir = BuildWorkspace.SummaryField(first, "dir");
        var keptId = Single($"SELECT id FROM read_parquet('{Path.Combine(firstDir, "data", "*.parquet")}') WHERE step = 'select' ORDER BY id LIMIT 1");
        var droppedId = Single($"SELECT id FROM read_parquet('{Path.Combine(firstDir, "rejects", "*.parquet")}') WHERE reason = 'below_budget' ORDER BY id LIMIT 1");
        File.WriteAllText(
            Path.Combine(workspace.PipelineBuilds(), "verdicts.jsonl"),
            $$"""{"id": "{{keptId}}", "verdict": "reject", "note": "wrong answer", "reviewer": "ana"}""" + "\n" +
            $$"""{"id": "{{droppedId}}", "verdict": "accept", "reviewer": "bo"}""" + "\n");

        // Act
        var second = await workspace.BuildAsync();

        // Assert: a new build; the rejected id is in its rejects with the reason and note, the accepted one kept.
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("built", BuildWorkspace.SummaryField(second, "status"));
        var dir = BuildWorkspace.SummaryField(second, "dir");
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(dir, "data", "*.parquet")}') WHERE id = '{keptId}'"));
        Assert.Equal(1L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(dir, "rejects", "*.parquet")}') WHERE id = '{keptId}' AND reason = 'reviewer_rejected' AND meta LIKE '%wrong answer%'"));
        Assert.Equal("kept_reviewer_accepted", Single($"SELECT reason FROM read_parquet('{Path.Combine(dir, "data", "*.parquet")}') WHERE id = '{droppedId}'"));

        // ...and the verdicts cost no model work upstream of the selection.
        var ledger = await workspace.LedgerAsync(dir);
        Assert.Equal(0, ledger["evolve"].Computed);
        Assert.Equal(0, ledger["score"].Computed);
    }

    private static string Single(string sql) => (string)Assert.Single(RunFolderAssert.Rows(sql))[0]!;
}
