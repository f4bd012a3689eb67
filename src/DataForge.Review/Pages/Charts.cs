using System.Globalization;
using DataForge.Review.Index;
using DataForge.Storage.Runs;

namespace DataForge.Review.Pages;

/// <summary>Server-side SVG charts (no script, no inline style: geometry and fill are attributes; colours come from classes in review.css).</summary>
internal static class Charts
{
    private const int Width = 640;
    private const int Label = 200;
    private const int RowHeight = 22;

    /// <summary>The funnel: per step, a bar for records in and one for records out (<c>svg#funnel</c>, one <c>g.funnel-step</c> per step).</summary>
    public static string Funnel(IReadOnlyDictionary<string, ManifestStepCount> steps)
    {
        var max = Math.Max(1, steps.Values.Select(s => Math.Max(s.In, s.Out)).DefaultIfEmpty(1).Max());
        var html = new Html();
        var height = (steps.Count * RowHeight * 2) + 10;
        html.Raw($"<svg id=\"funnel\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"records in and out per step\">");
        var y = 0;
        foreach (var (name, count) in steps)
        {
            html.Raw($"<g class=\"funnel-step\" {Html.Attr("data-step", name)} {Html.Attr("data-in", I(count.In))} {Html.Attr("data-out", I(count.Out))}>")
                .Raw($"<text x=\"0\" y=\"{y + 15}\" class=\"label\">").Text(name).Raw("</text>");
            Bar(html, "bar-in", y, count.In, max, $"in {I(count.In)}");
            Bar(html, "bar-out", y + RowHeight, count.Out, max, $"out {I(count.Out)}");
            html.Raw("</g>");
            y += RowHeight * 2;
        }

        return html.Raw("</svg>").ToString();
    }

    /// <summary>Drops per step and reason (<c>svg#drops</c>, one <c>g.drop-reason</c> per pair).</summary>
    public static string Drops(IReadOnlyDictionary<string, ManifestStepCount> steps)
    {
        var drops = steps.SelectMany(s => s.Value.Dropped.Select(d => (Step: s.Key, Reason: d.Key, Count: d.Value))).Where(d => d.Count > 0).ToList();
        var max = Math.Max(1, drops.Select(d => d.Count).DefaultIfEmpty(1).Max());
        var height = (drops.Count * RowHeight) + 10;
        var html = new Html();
        html.Raw($"<svg id=\"drops\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"drops per reason\">");
        var y = 0;
        foreach (var (step, reason, count) in drops)
        {
            html.Raw($"<g class=\"drop-reason\" {Html.Attr("data-step", step)} {Html.Attr("data-reason", reason)} {Html.Attr("data-count", I(count))}>")
                .Raw($"<text x=\"0\" y=\"{y + 15}\" class=\"label\">").Text($"{step}: {reason}").Raw("</text>");
            Bar(html, "bar-drop", y, count, max, I(count));
            html.Raw("</g>");
            y += RowHeight;
        }

        return html.Raw("</svg>").ToString();
    }

    /// <summary>A histogram, kept and dropped bars overlaid (<c>svg.histogram[data-column]</c>, <c>rect.bar-kept</c>, <c>rect.bar-dropped</c>).</summary>
    public static string Histogram(Histogram histogram)
    {
        const int Height = 160;
        const int Plot = 130;
        var bins = histogram.Kept.Count;
        var max = Math.Max(1, histogram.Kept.Concat(histogram.Dropped).Max());
        var barWidth = (Width - 40) / bins;
        var html = new Html();
        html.Raw($"<svg class=\"chart histogram\" {Html.Attr("data-column", histogram.Column)} xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">")
            .Raw("<title>").Text($"{histogram.Column}: kept and dropped").Raw("</title>");
        for (var bin = 0; bin < bins; bin++)
        {
            var x = 20 + (bin * barWidth);
            foreach (var (cls, counts) in new[] { ("bar-dropped", histogram.Dropped), ("bar-kept", histogram.Kept) })
            {
                var h = (int)Math.Round(Plot * (double)counts[bin] / max);
                html.Raw($"<rect class=\"{cls}\" x=\"{x}\" y=\"{Plot - h}\" width=\"{barWidth - 2}\" height=\"{h}\" data-count=\"{I(counts[bin])}\"><title>")
                    .Text($"{histogram.Edge(bin)}–{histogram.Edge(bin + 1)}: {(cls == "bar-kept" ? "kept" : "dropped")} {I(counts[bin])}").Raw("</title></rect>");
            }
        }

        html.Raw($"<text x=\"20\" y=\"{Height - 10}\" class=\"label\">").Text(histogram.Edge(0)).Raw("</text>")
            .Raw($"<text x=\"{Width - 20}\" y=\"{Height - 10}\" class=\"label\" text-anchor=\"end\">").Text(histogram.Edge(bins)).Raw("</text>");
        return html.Raw("</svg>").ToString();
    }

    private static void Bar(Html html, string cls, int y, long value, long max, string label)
    {
        var w = (int)Math.Round((Width - Label - 80) * (double)value / max);
        html.Raw($"<rect class=\"{cls}\" x=\"{Label}\" y=\"{y + 3}\" width=\"{Math.Max(w, value > 0 ? 1 : 0)}\" height=\"{RowHeight - 6}\"></rect>")
            .Raw($"<text x=\"{Label + w + 4}\" y=\"{y + 15}\" class=\"value\">").Text(label).Raw("</text>");
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
