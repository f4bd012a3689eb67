using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>
/// The pattern for XSS tests of pages that show untrusted text: render the whole corpus, let the page settle,
/// then assert no dialog opened, no request left the page's origin, and the visible text is the payload itself.
/// The pages here carry no Content-Security-Policy, so only the encoding is under test.
/// </summary>
public sealed class XssCorpusTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    /// <summary>Waits two animation frames and a task, so that load-time handlers (onerror, ontoggle, onfocus) have fired.</summary>
    private const string Settle = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))";

    [Fact]
    public void Corpus_HasAtLeast30Payloads_EachReachingADetectableSink()
    {
        // Act
        var payloads = XssPayloads.All;

        // Assert
        Assert.True(payloads.Count >= 30, $"only {payloads.Count} payloads");
        Assert.Equal(payloads.Count, payloads.Distinct(StringComparer.Ordinal).Count());
        Assert.All(payloads, p => Assert.True(p.Contains("alert(1)", StringComparison.Ordinal) || p.Contains("xss.invalid", StringComparison.Ordinal), $"no sink in {p}"));
    }

    [Fact]
    public async Task EncodedPayloads_NeverExecute_AndShowVerbatim()
    {
        // Arrange
        var payloads = XssPayloads.All;
        await using var site = await StaticSite.StartAsync(new Dictionary<string, StaticFile>
        {
            ["/encoded.html"] = StaticFile.Html(XssPayloads.EncodedPage(payloads)),
        });
        await using var page = await chromium.NewPageAsync();

        // Act
        await page.GotoAsync(site.Url("/encoded.html"));
        await page.Page.EvaluateAsync(Settle);
        var shown = await page.Page.EvaluateAsync<string[]>(
            "n => Array.from({ length: n }, (_, i) => document.getElementById('p' + i)?.innerText ?? '(element missing)')", payloads.Count);

        // Assert
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.RequestsOutside(site.BaseAddress));
        Assert.Empty(page.PageErrors);
        var different = payloads.Select((payload, i) => (payload, text: shown[i])).Where(p => p.payload != p.text)
            .Select(p => $"{p.payload} shown as {p.text}").ToList();
        Assert.True(different.Count == 0, string.Join("\n", different));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<div style=\"background:url(http://xss.invalid/css)\">x</div>")]
    public async Task RawPayload_IsDetected_WhenNotEncoded(string payload)
    {
        // Arrange: the control for the test above; it must see these run.
        Assert.Contains(payload, XssPayloads.All);
        await using var site = await StaticSite.StartAsync(new Dictionary<string, StaticFile>
        {
            ["/raw.html"] = StaticFile.Html(XssPayloads.RawPage([payload])),
        });
        await using var page = await chromium.NewPageAsync();

        // Act
        await page.GotoAsync(site.Url("/raw.html"));
        await page.Page.EvaluateAsync(Settle);

        // Assert
        var outside = page.RequestsOutside(site.BaseAddress);
        Assert.True(page.Dialogs.Count > 0 || outside.Any(url => url.StartsWith(XssPayloads.MarkerOrigin.ToString(), StringComparison.Ordinal)),
            $"{payload}: no dialog and no request to {XssPayloads.MarkerOrigin}");
    }
}
