using System.Text.Json.Nodes;
using DataForge.Testing;
using Microsoft.Playwright;
using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>
/// <c>dataforge review</c> in headless Chromium over real runs: the overview's funnel, the list filtered by
/// the browser to one drop reason, a full-text search typed after the <c>/</c> key (pipelines/sample-seeds.toml);
/// lineage followed to the seed, the LintSeq player stepped to the end, a verdict with a note given with the
/// keyboard that survives a reload, is exported, and is honoured by a build (pipeline.toml). Every page is
/// screenshotted; none may raise a dialog, a page error or a request to another origin.
/// </summary>
public sealed class ReviewToolTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string Note = "answer <b>copied</b> from a benchmark";

    [Fact]
    public async Task Review_OverviewFilterAndSearch_WorkInTheBrowser()
    {
        // Arrange: a small real run, and the review tool serving it on a free port.
        using var temp = new TempFolder();
        await using var served = await ReviewCli.RunAndServeAsync(temp, ["pipelines/sample-seeds.toml", "--limit", "20"]);
        var origin = served.Origin;
        Assert.Equal("127.0.0.1", origin.Host);
        await using var page = await chromium.NewPageAsync();

        // Act + Assert: the overview shows one funnel group per step of the run.
        await page.GotoAsync(origin);
        Assert.Equal(5, await page.Page.Locator("svg#funnel g.funnel-step").CountAsync());
        await page.ScreenshotAsync("review-overview");

        // The list, filtered in the browser to the sample step's drop reason: every row is a reject.
        await page.GotoAsync(new Uri(origin, "samples"));
        await page.Page.SelectOptionAsync("#filter-status", "rejected");
        await page.Page.SelectOptionAsync("#filter-reason", "not_sampled");
        await page.Page.ClickAsync("#filter-apply");
        await page.Page.WaitForURLAsync(url => url.Contains("reason=not_sampled", StringComparison.Ordinal));
        var rows = page.Page.Locator("table#sample-list tr.sample-row");
        Assert.True(await rows.CountAsync() > 0, "no rows for reason not_sampled");
        Assert.Equal(await rows.CountAsync(), await page.Page.Locator("table#sample-list tr.sample-row.rejected").CountAsync());
        await page.ScreenshotAsync("review-list-filtered");

        // Full-text search from the unfiltered list: '/' focuses the search box; a word every seed file uses finds records.
        await page.GotoAsync(new Uri(origin, "samples"));
        await page.Page.Keyboard.PressAsync("/");
        await page.Page.Keyboard.TypeAsync("the");
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.WaitForURLAsync(url => url.Contains("q=the", StringComparison.Ordinal));
        Assert.True(await page.Page.Locator("table#sample-list tr.sample-row").CountAsync() > 0, "the search found nothing");
        await page.ScreenshotAsync("review-list-search");

        Assert.Empty(page.Dialogs);
        Assert.Empty(page.PageErrors);
        Assert.Empty(page.RequestsOutside(origin));
    }

    [Fact]
    public async Task Review_LineageToSeed_EditPlayerToTheEnd_KeyboardVerdictWithNoteSurvivesReload_ExportedFileHonouredByABuild()
    {
        // Arrange: the default pipeline on a few records (evolutions and LintSeq edit sequences), served.
        using var temp = new TempFolder();
        await using var served = await ReviewCli.RunAndServeAsync(temp, ["pipeline.toml", "--limit", "4"]);
        var origin = served.Origin;
        var run = temp.Combine("run");
        await using var page = await chromium.NewPageAsync();

        // Lineage: an evolved record's tree links its seed; following the link opens the seed itself.
        await page.GotoAsync(new Uri(origin, "samples?kind=instruction&round=1"));
        await page.Page.Locator("table#sample-list a.sample-link").First.ClickAsync();
        await page.Page.WaitForSelectorAsync("article#sample");
        var rootId = (await page.Page.Locator("table#fields tr[data-field=root_id] td").InnerTextAsync()).Trim();
        await page.ScreenshotAsync("review-detail-evolved");
        await page.Page.Locator($"#lineage li.lineage-node[data-id='{rootId}'] > a.lineage-link").First.ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains(rootId, StringComparison.Ordinal));
        Assert.Equal(rootId, await page.Page.Locator("article#sample").GetAttributeAsync("data-id"));

        // The LintSeq player: back to the first state, then next to the end, where the view is the whole program.
        await page.GotoAsync(new Uri(origin, "samples?kind=edit_sequence"));
        await page.Page.Locator("table#sample-list a.sample-link").First.ClickAsync();
        await page.Page.WaitForSelectorAsync("#lintseq-player");
        var steps = int.Parse(await page.Page.Locator("#edit-slider").GetAttributeAsync("max") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(steps >= 1, "the player has no states");
        for (var i = 0; i < steps; i++)
        {
            await page.Page.ClickAsync("#edit-prev");
        }

        Assert.Equal("1", await page.Page.Locator("pre#edit-view").GetAttributeAsync("data-step"));
        for (var i = 1; i < steps; i++)
        {
            await page.Page.ClickAsync("#edit-next");
        }

        Assert.Equal($"step {steps} of {steps}", await page.Page.Locator("#edit-step-label").InnerTextAsync());
        var program = (await page.Page.Locator("table#fields tr[data-field=output] td").InnerTextAsync()).Trim();
        Assert.Equal(program, (await page.Page.Locator("pre#edit-view").InnerTextAsync()).Trim());
        await page.ScreenshotAsync("review-edit-player");

        // Keyboard verdict on the list: j selects the first row, r rejects it; a reload shows it; export writes it.
        await page.GotoAsync(new Uri(origin, "samples"));
        var id = await page.Page.Locator("table#sample-list tr.sample-row").First.GetAttributeAsync("data-id");
        await page.Page.FillAsync("#verdict-note", Note);
        await page.Page.Keyboard.PressAsync("Escape"); // leaves the note box, so keys are commands again
        await page.Page.Keyboard.PressAsync("j");
        await page.Page.Keyboard.PressAsync("k");
        await page.Page.Keyboard.PressAsync("r");
        await page.Page.WaitForSelectorAsync($".verdict-current[data-verdict=reject]");
        await page.Page.ReloadAsync();
        Assert.Equal("reject", await page.Page.Locator($"tr.sample-row[data-id='{id}'] .verdict-current").First.GetAttributeAsync("data-verdict"));
        Assert.Equal(Note, await page.Page.Locator($"tr.sample-row[data-id='{id}'] .verdict-note").First.InnerTextAsync());
        await page.ScreenshotAsync("review-list-verdict");
        var export = await ReviewCli.RunAsync(["review", "export", run, "--index-dir", temp.Combine("index"), "--out", temp.Combine("verdicts.jsonl")]);
        Assert.True(export.ExitCode == 0, export.Output);
        var exported = File.ReadAllLines(temp.Combine("verdicts.jsonl")).Select(l => JsonNode.Parse(l)!).Single();
        Assert.Equal(id, (string?)exported["id"]);
        Assert.Equal("reject", (string?)exported["verdict"]);
        Assert.Equal(Note, (string?)exported["note"]);

        // A build of the same pipeline given the exported file drops that record as the reviewer asked.
        var builds = temp.Combine("builds");
        Directory.CreateDirectory(Path.Combine(builds, "default"));
        File.Copy(temp.Combine("verdicts.jsonl"), Path.Combine(builds, "default", "verdicts.jsonl"));
        var build = await ReviewCli.RunAsync(["build", "pipeline.toml", "--limit", "4", "--builds", builds]);
        Assert.True(build.ExitCode == 0, build.Output);
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(builds, "default", "latest", "manifest.json")))!["review"]!;
        Assert.Equal(1, (int)review["reject"]!);
        Assert.Equal(1, (long)review["rejects_applied"]!);

        Assert.Empty(page.Dialogs);
        Assert.Empty(page.PageErrors);
        Assert.Empty(page.RequestsOutside(origin));
    }
}
