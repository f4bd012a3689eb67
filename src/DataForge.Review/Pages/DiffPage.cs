using DataForge.Review.Index;

namespace DataForge.Review.Pages;

/// <summary><c>/diff?a=OLD&amp;b=NEW</c>: kept records only in the newer build (<c>table#diff-added</c>) and only in the older one (<c>table#diff-removed</c>), each row linking to its detail page.</summary>
internal static class DiffPage
{
    private const int Shown = 200;

    public static string Body(PageContext context, ReviewIndex older, ReviewIndex newer)
    {
        var html = new Html();
        html.Raw("<h1>").Text($"Diff {older.Run.Name} → {newer.Run.Name}").Raw("</h1>");
        html.Raw("<form id=\"diff-form\" action=\"/diff\" method=\"get\">");
        foreach (var (name, chosen) in new[] { ("a", older.Run.Name), ("b", newer.Run.Name) })
        {
            html.Raw($"<label>{name} <select id=\"diff-{name}\" name=\"{name}\">");
            foreach (var run in context.Target.Runs)
            {
                html.Raw($"<option {Html.Attr("value", run.Name)}{(run.Name == chosen ? " selected" : "")}>").Text(run.Name).Raw("</option>");
            }

            html.Raw("</select></label> ");
        }

        html.Raw("<button type=\"submit\">Compare</button></form>");
        Table(html, "diff-added", "Added (kept only in b)", newer.Without(older, kept: true, Shown), newer.Run.Name);
        Table(html, "diff-removed", "Removed (kept only in a)", older.Without(newer, kept: true, Shown), older.Run.Name);
        return html.ToString();
    }

    private static void Table(Html html, string id, string title, (IReadOnlyList<IndexedRecord> Rows, long Total) records, string run)
    {
        html.Raw($"<section><h2>").Text($"{title}: {records.Total}").Raw($"</h2><table id=\"{id}\" data-total=\"{records.Total}\"><thead><tr><th>id</th><th>step</th><th>reason</th><th>kind</th><th>text</th></tr></thead><tbody>");
        foreach (var row in records.Rows)
        {
            html.Raw($"<tr class=\"diff-row\" {Html.Attr("data-id", row.Id)}><td>")
                .Link($"/samples/{row.Id}?run={Uri.EscapeDataString(run)}", row.Id[..Math.Min(12, row.Id.Length)])
                .Raw("</td>").Element("td", row.Step).Element("td", row.Reason).Element("td", row.Kind).Element("td", row.Title, "class=\"title\"").Raw("</tr>");
        }

        html.Raw("</tbody></table>");
        if (records.Total > records.Rows.Count)
        {
            html.Element("p", $"first {records.Rows.Count} shown", "class=\"muted\"");
        }

        html.Raw("</section>");
    }
}
