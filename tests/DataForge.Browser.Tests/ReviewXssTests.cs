using DataForge.Testing;
using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>
/// The XSS corpus planted in every text of a run (<see cref="PlantedRun"/>) and browsed through the real
/// <c>dataforge review</c>: the overview (funnel reasons, facet counts), the whole list, a search, the facet
/// filters, and every record's page with its lineage, ensemble vote and edit player stepped through every
/// state. No payload may open a dialog, reach another origin, throw, or be stopped by the Content-Security-Policy
/// (a blocked payload was still parsed as markup); each record's page must show its payloads as text.
/// </summary>
public sealed class ReviewXssTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    [Fact]
    public async Task PlantedPayloads_RenderAsText_OnEveryPage_AndNeverRun()
    {
        // Arrange
        using var temp = new TempFolder();
        var run = temp.Combine("runs", "planted");
        var planted = await PlantedRun.WriteAsync(run, XssPayloads.All);
        await using var served = await ReviewCli.ServeAsync(run, temp.Combine("index"));
        var origin = served.Origin;
        await using var page = await chromium.NewPageAsync();

        // Act + Assert: the overview and the list (every record on one page), then a search and a facet filter.
        await page.GotoAsync(origin);
        await page.ScreenshotAsync("review-xss-overview");
        await page.GotoAsync(new Uri(origin, "samples?per_page=500"));
        Assert.Equal(planted.Count, await page.Page.Locator("table#sample-list tr.sample-row").CountAsync());
        await page.ScreenshotAsync("review-xss-list");
        await page.GotoAsync(new Uri(origin, "samples?q=alert"));
        Assert.True(await page.Page.Locator("table#sample-list tr.sample-row").CountAsync() > 0, "searching 'alert' found nothing");
        await page.GotoAsync(new Uri(origin, $"samples?operation={Uri.EscapeDataString(planted[1].Instruction)}"));

        // Every record's page: its instruction as text, the vote's winner as text, the player stepped to each state.
        foreach (var record in planted)
        {
            await page.GotoAsync(new Uri(origin, $"samples/{record.Id}"));
            Assert.Equal(record.Instruction, await page.Page.Locator("table#fields tr[data-field=instruction] pre").InnerTextAsync());
            if (record.Winner.Length > 0)
            {
                Assert.Equal(record.Winner, await page.Page.Locator("table#vote-candidates tr.winner pre").InnerTextAsync());
            }

            if (record.EditLine is { } line)
            {
                await page.Page.ClickAsync("#edit-prev");
                await page.Page.ClickAsync("#edit-next");
                Assert.Equal("2", await page.Page.Locator("pre#edit-view").GetAttributeAsync("data-step"));
                Assert.Contains(line, await page.Page.Locator("pre#edit-view").InnerTextAsync(), StringComparison.Ordinal);
            }
        }

        await page.GotoAsync(new Uri(origin, $"samples/{planted[0].Id}"));
        Assert.Equal(planted.Count, await page.Page.Locator("#lineage li.lineage-node").CountAsync());
        await page.ScreenshotAsync("review-xss-seed-lineage");
        await page.GotoAsync(new Uri(origin, $"samples/{planted.First(r => r.EditLine is not null).Id}"));
        await page.ScreenshotAsync("review-xss-detail");

        Assert.Empty(page.Dialogs);
        Assert.Empty(page.RequestsOutside(origin));
        Assert.Empty(page.PageErrors);
        Assert.DoesNotContain(page.ConsoleMessages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
