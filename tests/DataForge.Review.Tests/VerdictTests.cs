using System.Net;
using DataForge.Core.Review;
using DataForge.Storage.Review;
using DataForge.Testing;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>Verdicts are stored durably beside the runs, exported as the JSONL builds read, and written into a builds folder's verdicts file.</summary>
[Collection(SharedRuns.Name)]
public sealed class VerdictTests(ReviewRuns runs)
{
    [Fact]
    public async Task Verdict_SurvivesARestart_AndExportIsReadByVerdictFile()
    {
        // Arrange
        using var temp = new TempFolder();
        string id;
        await using (var first = await Served.StartAsync(runs.Sample, temp.Path))
        {
            id = Served.RowIds(await first.PageAsync("/samples"))[1];
            using var posted = await first.PostVerdictAsync($$"""{"id": "{{id}}", "verdict": "reject", "note": "copied <from> a benchmark"}""", await first.CsrfAsync(), first.Origin);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // Act
        string detail;
        await using (var second = await Served.StartAsync(runs.Sample, temp.Path))
        {
            detail = await second.PageAsync($"/samples/{id}");
        }

        var export = await Cli.RunAsync("review", "export", runs.Sample, "--index-dir", temp.Path, "--out", temp.Combine("verdicts.jsonl"));

        // Assert
        Assert.Contains("class=\"verdict-current\" data-verdict=\"reject\"", detail, StringComparison.Ordinal);
        Assert.Contains("copied &lt;from&gt; a benchmark", detail, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var verdict = Assert.Single(VerdictFile.Read(temp.Combine("verdicts.jsonl")).All);
        Assert.Equal((id, ReviewVerdictKind.Reject, "copied <from> a benchmark"), (verdict.Id, verdict.Kind, verdict.Note));
        Assert.Empty(Directory.GetFiles(runs.Sample, "*.jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Verdict_OnABuildsFolder_RewritesItsVerdictsFile_KeepingTheLinesPeopleWrote()
    {
        // Arrange
        using var temp = new TempFolder();
        var builds = temp.Combine("builds");
        TempFolder.CopyFolder(runs.Builds, builds);
        var file = Path.Combine(builds, "verdicts.jsonl");
        File.WriteAllText(file, """{"id": "00000000000000000000000000000000", "verdict": "flag", "note": "by hand"}""" + "\n");
        await using var served = await Served.StartAsync(builds);
        var ids = Served.RowIds(await served.PageAsync("/samples?status=kept"));
        var csrf = await served.CsrfAsync();

        // Act
        using var accepted = await served.PostVerdictAsync($$"""{"id": "{{ids[0]}}", "verdict": "accept"}""", csrf, served.Origin);
        using var flagged = await served.PostVerdictAsync($$"""{"id": "{{ids[0]}}", "verdict": "flag", "note": "last one wins"}""", csrf, served.Origin);

        // Assert
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        var verdicts = VerdictFile.Read(file);
        Assert.Equal(2, verdicts.Count);
        Assert.Equal((ReviewVerdictKind.Flag, "last one wins"), (verdicts.Find(ids[0])!.Kind, verdicts.Find(ids[0])!.Note));
        Assert.Equal("by hand", verdicts.Find("00000000000000000000000000000000")!.Note);
        Assert.Empty(Directory.GetFiles(builds, "*.tmp"));
        Assert.Empty(Directory.GetFiles(builds, ".*.tmp"));
    }
}
