using DataForge.Core.Review;
using DataForge.Review.Index;
using DataForge.Storage.Review;

namespace DataForge.Review.Pages;

/// <summary><c>/samples</c>: filters (all in the query string), full-text search, sort by any score, paging, verdict buttons per row.</summary>
internal static class SamplesPage
{
    private static readonly string[] Headings = ["id", "status", "step", "reason", "kind", "language", "model", "operation", "round", "ifd", "ic_ifd", "less", "output chars", "text", "verdict"];

    public static string Body(PageContext context, SampleQuery query, Func<string, ReviewVerdict?> verdictOf)
    {
        var (rows, total, more) = context.Index.Page(query);
        var html = new Html();
        html.Raw("<h1>Samples</h1>");
        Filters(html, context, query);
        var first = ((long)(query.Page - 1) * query.PageSize) + 1;
        var count = total == 0 && rows.Count == 0 ? "no records match" : $"{Html.Number(first)}–{Html.Number(first + rows.Count - 1)} of {(more ? "more than " : "")}{Html.Number(total)} records";
        html.Raw($"<p id=\"result-count\" data-total=\"{total}\"{(more ? " data-more=\"true\"" : "")}>").Text(count).Raw("</p>");
        html.Raw("<p id=\"verdict-bar\"><label>note <input type=\"text\" id=\"verdict-note\" maxlength=\"2000\" placeholder=\"sent with the next verdict\"></label> <span id=\"verdict-status\" role=\"status\"></span></p>");
        html.Raw("<table id=\"sample-list\"><thead><tr>");
        foreach (var heading in Headings)
        {
            html.Element("th", heading);
        }

        html.Raw("</tr></thead><tbody>");
        var position = first - 1;
        foreach (var row in rows)
        {
            var link = $"/samples/{row.Id}?{Join(query.ToQueryString(), $"pos={position}")}";
            html.Raw($"<tr class=\"sample-row {(row.Kept ? "kept" : "rejected")}\" {Html.Attr("data-id", row.Id)} data-pos=\"{position}\" {Html.Attr("data-href", link)}><td>")
                .Link(link, row.Id[..Math.Min(12, row.Id.Length)], "class=\"sample-link\"")
                .Raw("</td>");
            foreach (var cell in new[] { row.Kept ? "kept" : "rejected", row.Step, row.Reason, row.Kind, row.Language, row.Model, row.Operation, row.Round?.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                html.Element("td", cell);
            }

            foreach (var score in IndexSchema.Scores)
            {
                html.Element("td", row.Score(score) is { } v ? Html.Number(v) : "", "class=\"num\"");
            }

            html.Element("td", Html.Number(row.OutputLength), "class=\"num\"").Element("td", row.Title, "class=\"title\"");
            html.Raw("<td class=\"verdict-cell\">");
            VerdictButtons(html, row.Id, verdictOf(row.Id));
            html.Raw("</td></tr>");
            position++;
        }

        html.Raw("</tbody></table><nav id=\"pager\">");
        if (query.Page > 1)
        {
            html.Link($"/samples?{query.ToQueryString(query.Page - 1)}", "← previous", "id=\"page-prev\" rel=\"prev\"");
        }

        var pages = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        html.Element("span", $"page {query.Page} of {(more ? "more than " : "")}{pages}", "id=\"page-info\"");
        if (query.Page < pages || (more && rows.Count == query.PageSize))
        {
            html.Link($"/samples?{query.ToQueryString(query.Page + 1)}", "next →", "id=\"page-next\" rel=\"next\"");
        }

        return html.Raw("</nav>").ToString();
    }

    /// <summary>The verdict in force, its note, and the accept / reject / flag buttons of one record.</summary>
    public static void VerdictButtons(Html html, string id, ReviewVerdict? current)
    {
        html.Raw($"<span class=\"verdict-buttons\" {Html.Attr("data-id", id)}>")
            .Element("span", current is null ? "" : VerdictFile.Name(current.Kind), $"class=\"verdict-current\" {Html.Attr("data-verdict", current is null ? "" : VerdictFile.Name(current.Kind))}")
            .Element("span", current?.Note ?? "", "class=\"verdict-note\"");
        foreach (var (verdict, key) in new[] { ("accept", "a"), ("reject", "r"), ("flag", "f") })
        {
            html.Raw($"<button type=\"button\" class=\"verdict-btn verdict-{verdict}\" data-verdict=\"{verdict}\" {Html.Attr("data-id", id)} title=\"{verdict} ({key})\">").Text(verdict).Raw("</button>");
        }

        html.Raw("</span>");
    }

    private static void Filters(Html html, PageContext context, SampleQuery query)
    {
        html.Raw("<form id=\"filters\" action=\"/samples\" method=\"get\">")
            .Raw($"<input type=\"hidden\" name=\"run\" {Html.Attr("value", query.Run)}>")
            .Raw("<label>status <select id=\"filter-status\" name=\"status\">");
        foreach (var status in new[] { "", "kept", "rejected" })
        {
            html.Raw($"<option {Html.Attr("value", status)}{(query.Status == status ? " selected" : "")}>").Text(status.Length == 0 ? "any" : status).Raw("</option>");
        }

        html.Raw("</select></label>");
        foreach (var facet in IndexSchema.Facets)
        {
            var chosen = query.Equal.GetValueOrDefault(facet) ?? "";
            html.Raw($"<label>{facet} <select {Html.Attr("id", "filter-" + facet)} {Html.Attr("name", facet)}><option value=\"\">any</option>");
            foreach (var (value, _, _) in context.Index.Facet(facet).Where(f => f.Value.Length > 0))
            {
                html.Raw($"<option {Html.Attr("value", value)}{(value == chosen ? " selected" : "")}>").Text(value).Raw("</option>");
            }

            html.Raw("</select></label>");
        }

        foreach (var score in IndexSchema.Scores)
        {
            var low = query.Min.TryGetValue(score, out var lo) ? Html.Number(lo, "R") : "";
            var high = query.Max.TryGetValue(score, out var hi) ? Html.Number(hi, "R") : "";
            html.Raw($"<label>{score} ≥ <input type=\"number\" step=\"any\" {Html.Attr("id", "filter-min-" + score)} {Html.Attr("name", "min_" + score)} {Html.Attr("value", low)}></label>")
                .Raw($"<label>≤ <input type=\"number\" step=\"any\" {Html.Attr("id", "filter-max-" + score)} {Html.Attr("name", "max_" + score)} {Html.Attr("value", high)}></label>");
        }

        html.Raw($"<label>text <input type=\"search\" id=\"filter-q\" name=\"q\" {Html.Attr("value", query.Text)}></label>")
            .Raw("<label>sort <select id=\"filter-sort\" name=\"sort\"><option value=\"\">shard order</option>");
        foreach (var column in IndexSchema.Sortable)
        {
            html.Raw($"<option {Html.Attr("value", column)}{(query.Sort == column ? " selected" : "")}>").Text(column).Raw("</option>");
        }

        html.Raw("</select></label><label>order <select id=\"filter-dir\" name=\"dir\">")
            .Raw($"<option value=\"desc\"{(query.Descending ? " selected" : "")}>descending</option><option value=\"asc\"{(query.Descending ? "" : " selected")}>ascending</option></select></label>")
            .Raw("<button type=\"submit\" id=\"filter-apply\">Apply</button> ")
            .Link(context.Url("/samples"), "Clear", "id=\"filter-clear\"")
            .Raw("</form>");
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}&{b}";
}
