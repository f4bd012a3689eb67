using System.Diagnostics;
using DataForge.Testing;
using Microsoft.Playwright;
using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>
/// <c>dataforge review</c> in headless Chromium over a real run of pipelines/sample-seeds.toml: the
/// overview's funnel, the list filtered by the browser to one drop reason, and a full-text search typed
/// after the <c>/</c> key. Every page is screenshotted; none may raise a dialog, a page error or a
/// request to another origin.
/// </summary>
public sealed class ReviewToolTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    [Fact]
    public async Task Review_OverviewFilterAndSearch_WorkInTheBrowser()
    {
        // Arrange: a small real run, and the review tool serving it on a free port.
        using var temp = new TempFolder();
        await using var served = await ServeAsync(temp, ["pipelines/sample-seeds.toml", "--limit", "20"]);
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
    public async Task Review_LineageToSeed_EditPlayerToTheEnd_KeyboardVerdictSurvivesReloadAndExports()
    {
        // Arrange: the default pipeline on a few records (evolutions and LintSeq edit sequences), served.
        using var temp = new TempFolder();
        await using var served = await ServeAsync(temp, ["pipeline.toml", "--limit", "4"]);
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
        await page.Page.Keyboard.PressAsync("j");
        await page.Page.Keyboard.PressAsync("k");
        await page.Page.Keyboard.PressAsync("r");
        await page.Page.WaitForSelectorAsync($".verdict-current[data-verdict=reject]");
        await page.Page.ReloadAsync();
        Assert.Equal("reject", await page.Page.Locator($"tr.sample-row[data-id='{id}'] .verdict-current").First.GetAttributeAsync("data-verdict"));
        await page.ScreenshotAsync("review-list-verdict");
        var export = await RunCliAsync(["review", "export", run, "--index-dir", temp.Combine("index"), "--out", temp.Combine("verdicts.jsonl")]);
        Assert.True(export.ExitCode == 0, export.Output);
        Assert.Contains($"\"id\":\"{id}\"", File.ReadAllText(temp.Combine("verdicts.jsonl")).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Empty(page.Dialogs);
        Assert.Empty(page.PageErrors);
        Assert.Empty(page.RequestsOutside(origin));
    }

    // Runs the pipeline into TEMP/run, then starts `dataforge review` on it and reads its address from the first stdout line.
    private static async Task<ServedRun> ServeAsync(TempFolder temp, string[] pipeline)
    {
        var made = await RunCliAsync(["run", .. pipeline, "--out", temp.Combine("run")]);
        Assert.True(made.ExitCode == 0, made.Output);
        var server = Process.Start(Cli(["review", temp.Combine("run"), "--port", "0", "--index-dir", temp.Combine("index")]))!;
        var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.StartsWith("review at http://", first, StringComparison.Ordinal);
        return new ServedRun(server, new Uri(first!["review at ".Length..]));
    }

    private static ProcessStartInfo Cli(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dataforge.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(string[] args)
    {
        using var process = Process.Start(Cli(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout + await stderr);
    }

    private sealed record ServedRun(Process Server, Uri Origin) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Server.Kill(entireProcessTree: true);
            await Server.WaitForExitAsync();
            Server.Dispose();
        }
    }
}
