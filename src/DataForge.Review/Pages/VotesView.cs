using System.Globalization;
using System.Text.Json;

namespace DataForge.Review.Pages;

/// <summary>
/// The ensemble vote of a record (the <c>votes</c> column the ensemble-vote step writes:
/// <c>{"method", "winner", "threshold", "min_pairwise", "candidates": [{"model", "output", "score"}], "pairwise": [{"a", "b", "f"}]}</c>):
/// candidates (<c>table#vote-candidates</c>, the winner's row <c>.winner</c>) and the pairwise Rouge-L matrix (<c>table#vote-matrix</c>).
/// </summary>
internal static class VotesView
{
    public static string Render(string? votes)
    {
        if (string.IsNullOrWhiteSpace(votes))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(votes);
            var root = document.RootElement;
            var winner = root.TryGetProperty("winner", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetInt32() : -1;
            var candidates = root.TryGetProperty("candidates", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
            var html = new Html();
            html.Raw("<section id=\"votes\"><h2>Ensemble vote</h2><p>")
                .Text($"method {Text(root, "method")}, threshold {Text(root, "threshold")}, min pairwise {Text(root, "min_pairwise")}, winner {(winner < 0 ? "none" : winner.ToString(CultureInfo.InvariantCulture))}")
                .Raw("</p><table id=\"vote-candidates\"><thead><tr><th>#</th><th>model</th><th>score</th><th>output</th></tr></thead><tbody>");
            for (var i = 0; i < candidates.Count; i++)
            {
                html.Raw($"<tr class=\"vote-candidate{(i == winner ? " winner" : "")}\" data-index=\"{i}\"><td>{i}{(i == winner ? " ★" : "")}</td><td>").Text(Text(candidates[i], "model"))
                    .Raw("</td><td class=\"num\">").Text(Text(candidates[i], "score")).Raw("</td><td><pre>").Text(Text(candidates[i], "output")).Raw("</pre></td></tr>");
            }

            html.Raw("</tbody></table>");
            Matrix(html, root, candidates.Count);
            return html.Raw("</section>").ToString();
        }
        catch (JsonException)
        {
            return new Html().Raw("<section id=\"votes\"><h2>Ensemble vote</h2><pre>").Text(votes).Raw("</pre></section>").ToString();
        }
    }

    private static void Matrix(Html html, JsonElement root, int count)
    {
        if (count == 0 || !root.TryGetProperty("pairwise", out var pairs) || pairs.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var f = new double?[count, count];
        foreach (var pair in pairs.EnumerateArray())
        {
            if (pair.TryGetProperty("a", out var a) && pair.TryGetProperty("b", out var b) && pair.TryGetProperty("f", out var v)
                && a.TryGetInt32(out var i) && b.TryGetInt32(out var j) && v.TryGetDouble(out var value) && i < count && j < count && i >= 0 && j >= 0)
            {
                f[i, j] = value;
                f[j, i] = value;
            }
        }

        html.Raw("<h3>Pairwise Rouge-L F</h3><table id=\"vote-matrix\"><thead><tr><th></th>");
        for (var j = 0; j < count; j++)
        {
            html.Raw($"<th>{j}</th>");
        }

        html.Raw("</tr></thead><tbody>");
        for (var i = 0; i < count; i++)
        {
            html.Raw($"<tr><th>{i}</th>");
            for (var j = 0; j < count; j++)
            {
                html.Element("td", i == j ? "—" : f[i, j] is { } value ? Html.Number(value, "F3") : "", "class=\"num\"");
            }

            html.Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static string Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => value.GetRawText(),
            }
            : "";
}
