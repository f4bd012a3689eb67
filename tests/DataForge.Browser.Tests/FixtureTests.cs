using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>The browser fixture itself, against a small static site: clicks, screenshots, CSP and request recording.</summary>
public sealed class FixtureTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string ButtonPage = """
        <!doctype html>
        <html><head><title>fixture</title><script src="/app.js" defer></script></head>
        <body><p id="status">waiting</p><button id="go">Go</button>
        <script>alert(1)</script>
        </body></html>
        """;

    private const string ButtonScript = """
        document.getElementById('go').addEventListener('click', () => {
          document.getElementById('status').textContent = 'clicked';
        });
        """;

    [Fact]
    public async Task Click_RunsTheStaticScript_AndChangesTheText()
    {
        // Arrange
        await using var site = await StartButtonSiteAsync();
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(site.Url("/index.html"));

        // Act
        await page.Page.ClickAsync("#go");

        // Assert
        Assert.Equal("clicked", await page.Page.TextContentAsync("#status"));
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Screenshot_IsWrittenAsAPng_UnderTheTestResults()
    {
        // Arrange
        await using var site = await StartButtonSiteAsync();
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(site.Url("/index.html"));

        // Act
        var path = await page.ScreenshotAsync("fixture-button-page");

        // Assert
        Assert.Equal(Path.Combine(TestArtifacts.Screenshots, "fixture-button-page.png"), path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 100, $"{path} has only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
    }

    [Fact]
    public async Task InlineScript_DoesNotRun_UnderSelfOnlyCsp()
    {
        // Arrange
        await using var site = await StartButtonSiteAsync();
        await using var page = await chromium.NewPageAsync();

        // Act
        await page.GotoAsync(site.Url("/index.html"));
        await page.Page.ClickAsync("#go");

        // Assert: the static script still ran, the inline one was refused and said so.
        Assert.Equal("clicked", await page.Page.TextContentAsync("#status"));
        Assert.Empty(page.Dialogs);
        Assert.Contains(page.ConsoleMessages, m => m.StartsWith("error:", StringComparison.Ordinal) && m.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InlineScript_Runs_WithoutCsp_AndTheDialogIsRecorded()
    {
        // Arrange: the same page without its header, to show the CSP test above can fail.
        await using var site = await StaticSite.StartAsync(new Dictionary<string, StaticFile>
        {
            ["/index.html"] = StaticFile.Html(ButtonPage),
            ["/app.js"] = StaticFile.Script(ButtonScript),
        });
        await using var page = await chromium.NewPageAsync();

        // Act
        await page.GotoAsync(site.Url("/index.html"));

        // Assert
        Assert.Equal(["alert: 1"], page.Dialogs);
    }

    [Fact]
    public async Task CrossOriginFetch_IsRecorded_AndNeverLeavesTheMachine()
    {
        // Arrange
        await using var site = await StaticSite.StartAsync(new Dictionary<string, StaticFile>
        {
            ["/leak.html"] = StaticFile.Html("""
                <!doctype html><p id="out">pending</p>
                <script>
                fetch('http://203.0.113.1/').then(() => 'reached', () => 'blocked')
                  .then(s => document.getElementById('out').textContent = s);
                </script>
                """),
        });
        await using var page = await chromium.NewPageAsync();

        // Act
        await page.GotoAsync(site.Url("/leak.html"));
        await page.Page.WaitForFunctionAsync("document.getElementById('out').textContent !== 'pending'");

        // Assert
        Assert.Equal(["http://203.0.113.1/"], page.RequestsOutside(site.BaseAddress));
        Assert.Equal("blocked", await page.Page.TextContentAsync("#out"));
        Assert.Contains(site.Url("/leak.html").ToString(), page.Requests);
    }

    [Fact]
    public void MissingChromium_FailsWithTheInstallCommand()
    {
        // Act
        var error = Assert.Throws<FileNotFoundException>(() => ChromiumSession.LocateChromium("/nonexistent/chromium"));

        // Assert
        Assert.StartsWith("Chromium not found at /nonexistent/chromium: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }

    private static Task<StaticSite> StartButtonSiteAsync() => StaticSite.StartAsync(new Dictionary<string, StaticFile>
    {
        ["/index.html"] = StaticFile.Html(ButtonPage, StaticFile.SelfOnly),
        ["/app.js"] = StaticFile.Script(ButtonScript),
    });
}
