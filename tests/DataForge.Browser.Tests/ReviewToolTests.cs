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
        var run = temp.Combine("run");
        var made = await RunCliAsync(["run", "pipelines/sample-seeds.toml", "--limit", "20", "--out", run]);
        Assert.True(made.ExitCode == 0, made.Output);
        using var server = Process.Start(Cli(["review", run, "--port", "0", "--index-dir", temp.Combine("index")]))!;
        try
        {
            var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.StartsWith("review at http://127.0.0.1:", first, StringComparison.Ordinal);
            var origin = new Uri(first!["review at ".Length..]);
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
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
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
}
