using System.Globalization;
using DataForge.Review.Index;

namespace DataForge.Review.Pages;

/// <summary>
/// <c>/</c>: the funnel (in and out per step, drops per reason), histograms of every score column and of
/// output length (kept and dropped overlaid), counts by kind, language, operation and model, the
/// manifest's timings. The body depends on the index only, so it is rendered once per run.
/// </summary>
internal static class OverviewPage
{
    private static readonly string[] Counted = ["kind", "language", "operation", "model"];

    public static string Body(ReviewIndex index)
    {
        var manifest = index.Manifest;
        var html = new Html();
        html.Raw("<h1>").Text($"Run {manifest.RunId}").Raw("</h1>")
            .Raw("<p id=\"run-summary\">").Text($"{manifest.Pipeline.Name} ({manifest.Pipeline.File}): ")
            .Raw($"<span id=\"kept-count\">{Html.Number(manifest.Counts.Kept)}</span> kept, <span id=\"rejected-count\">{Html.Number(manifest.Counts.Rejected)}</span> rejected")
            .Text($"; folder {index.Run.Folder}").Raw("</p>");
        html.Raw("<section id=\"funnel-section\"><h2>Funnel</h2>").Raw(Charts.Funnel(manifest.Counts.Steps))
            .Raw("<h3>Drops per reason</h3>").Raw(Charts.Drops(manifest.Counts.Steps)).Raw("</section>");
        html.Raw("<section id=\"histograms\"><h2>Distributions</h2><p class=\"legend\"><span class=\"swatch kept\"></span> kept <span class=\"swatch dropped\"></span> dropped</p>");
        foreach (var column in IndexSchema.Scores.Append("output_len"))
        {
            if (index.HistogramOf(column, ReviewIndex.HistogramBins) is { } histogram)
            {
                html.Raw($"<figure class=\"histogram-figure\" {Html.Attr("id", "hist-" + column)}><figcaption>").Text(column == "output_len" ? "output length (chars)" : column).Raw("</figcaption>")
                    .Raw(Charts.Histogram(histogram)).Raw("</figure>");
            }
        }

        html.Raw("</section><section id=\"counts\"><h2>Counts</h2><div class=\"count-tables\">");
        foreach (var column in Counted)
        {
            html.Raw($"<table class=\"counts\" {Html.Attr("id", "counts-" + column)}><caption>").Text(column).Raw("</caption><thead><tr><th>value</th><th>kept</th><th>dropped</th></tr></thead><tbody>");
            foreach (var (value, kept, rejected) in index.Facet(column))
            {
                html.Raw("<tr><td>").Link($"/samples?run={Uri.EscapeDataString(index.Run.Name)}&{column}={Uri.EscapeDataString(value)}", value.Length == 0 ? "(none)" : value)
                    .Raw($"</td><td>{Html.Number(kept)}</td><td>{Html.Number(rejected)}</td></tr>");
            }

            html.Raw("</tbody></table>");
        }

        html.Raw("</div></section><section id=\"timings\"><h2>Timings</h2><table><thead><tr><th>step</th><th>seconds</th></tr></thead><tbody>");
        foreach (var (step, seconds) in manifest.Timings)
        {
            html.Raw("<tr><td>").Text(step).Raw("</td><td>").Text(seconds.ToString("F2", CultureInfo.InvariantCulture)).Raw("</td></tr>");
        }

        return html.Raw("</tbody></table></section>").ToString();
    }
}
