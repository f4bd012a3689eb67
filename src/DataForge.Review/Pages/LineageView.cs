using DataForge.Review.Index;
using DataForge.Storage.Shards;

namespace DataForge.Review.Pages;

/// <summary>
/// The lineage tree of a record: its seed (<c>root_id</c>) and every record derived from it, kept and
/// rejected, nested by <c>parent_id</c> (<c>ul.lineage-tree</c> of <c>li.lineage-node</c>); rejected nodes show their raw model output.
/// </summary>
internal static class LineageView
{
    private const int MaxNodes = 500;
    private const int MaxRaw = 40;

    public static async Task<string> RenderAsync(PageContext context, IndexedRecord record, CancellationToken cancellationToken)
    {
        var root = record.RootId ?? record.Id;
        var nodes = context.Index.Lineage(root, MaxNodes);
        if (nodes.Count <= 1)
        {
            return "<section id=\"lineage\"><h2>Lineage</h2><p class=\"muted\">No other record shares this seed.</p></section>";
        }

        var raws = new Dictionary<long, string?>();
        foreach (var node in nodes.Where(n => !n.Kept).Take(MaxRaw))
        {
            raws[node.Rowid] = (await context.Index.ReadRowAsync(node, cancellationToken).ConfigureAwait(false) as RejectRow)?.Raw;
        }

        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var children = nodes.Where(n => n.ParentId is { } p && ids.Contains(p) && p != n.Id).ToLookup(n => n.ParentId!, StringComparer.Ordinal);
        var tops = nodes.Where(n => n.ParentId is not { } p || !ids.Contains(p) || p == n.Id).ToList();
        var html = new Html();
        html.Raw($"<section id=\"lineage\"><h2>Lineage</h2><p class=\"muted\">").Text($"{nodes.Count} records from seed {root}{(nodes.Count == MaxNodes ? $" (first {MaxNodes})" : "")}").Raw("</p><ul class=\"lineage-tree\">");
        var shown = new HashSet<long>();
        foreach (var top in tops)
        {
            Node(html, context, top, record, children, raws, shown, 0);
        }

        return html.Raw("</ul></section>").ToString();
    }

    private static void Node(Html html, PageContext context, IndexedRecord node, IndexedRecord current, ILookup<string, IndexedRecord> children, Dictionary<long, string?> raws, HashSet<long> shown, int depth)
    {
        if (!shown.Add(node.Rowid) || depth > 64)
        {
            return;
        }

        var classes = $"lineage-node {(node.Kept ? "kept" : "rejected")}{(node.Rowid == current.Rowid ? " current" : "")}";
        html.Raw($"<li class=\"{classes}\" {Html.Attr("data-id", node.Id)}>")
            .Link(context.Detail(node.Id), node.Id[..Math.Min(12, node.Id.Length)], "class=\"lineage-link\"")
            .Raw(" <span class=\"lineage-meta\">")
            .Text(string.Join(" · ", new[] { node.Operation ?? "seed", node.Model, node.Round is { } r ? $"round {r}" : null, node.Kept ? "kept" : "rejected", node.Reason, node.Step }.Where(s => !string.IsNullOrEmpty(s))))
            .Raw("</span> ").Element("span", node.Title, "class=\"lineage-title\"");
        if (raws.TryGetValue(node.Rowid, out var raw) && !string.IsNullOrEmpty(raw))
        {
            html.Raw("<details class=\"lineage-raw\"><summary>raw output</summary><pre>").Text(raw).Raw("</pre></details>");
        }

        if (children[node.Id].Any())
        {
            html.Raw("<ul>");
            foreach (var child in children[node.Id])
            {
                Node(html, context, child, current, children, raws, shown, depth + 1);
            }

            html.Raw("</ul>");
        }

        html.Raw("</li>");
    }
}
