using System.Text.RegularExpressions;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>Record text is HTML-encoded everywhere; pages carry no inline script or style and a strict CSP.</summary>
[Collection(SharedRuns.Name)]
public sealed partial class HtmlTests(ReviewRuns runs)
{
    [Fact]
    public async Task PlantedPayload_InListAndDetail_AppearsEncoded()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Planted);
        var id = (string)Duck.Rows($"SELECT id FROM read_parquet('{runs.Planted}/data/*.parquet') WHERE instruction LIKE '%alert%'")[0][0]!;

        // Act
        var list = await served.PageAsync("/samples?q=alert");
        var detail = await served.PageAsync($"/samples/{id}");

        // Assert
        Assert.Equal([id], Served.RowIds(list));
        foreach (var page in new[] { list, detail })
        {
            Assert.DoesNotContain(ReviewRuns.Payload, page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        }

        Assert.Contains("It is &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_HasAStrictCspAndNoInlineScriptOrStyle()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        var id = (string)Duck.Rows($"SELECT id FROM read_parquet('{runs.Default}/data/*.parquet') WHERE kind = 'edit_sequence' LIMIT 1")[0][0]!;

        foreach (var url in new[] { "/", "/samples", $"/samples/{id}" })
        {
            // Act
            using var response = await served.Client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();

            // Assert
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StaticAssets_AreServedWithTheirTypes()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Sample);

        // Act
        using var script = await served.Client.GetAsync("/static/review.js");
        using var style = await served.Client.GetAsync("/static/review.css");

        // Assert
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-CSRF-Token", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // A script element that is neither the one static file nor a JSON data island.
    [GeneratedRegex("<script(?![^>]*(src=\"/static/review.js\"|type=\"application/json\"))")]
    private static partial Regex InlineScript();
}
