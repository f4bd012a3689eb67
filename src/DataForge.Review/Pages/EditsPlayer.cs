using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataForge.LintSeq.Diffs;

namespace DataForge.Review.Pages;

/// <summary>
/// The LintSeq edit sequence as a step-through player: every program state (after edit k) with the
/// lines edit k inserted, in a JSON data island (<c>script#edit-states</c>, type application/json,
/// which CSP allows as data); review.js draws state k into <c>pre#edit-view</c> with
/// <c>button#edit-prev</c>, <c>button#edit-next</c> and the range <c>input#edit-slider</c>. Without
/// script the final program and the raw diffs are shown.
/// </summary>
internal static partial class EditsPlayer
{
    public static string Render(IReadOnlyList<string>? edits)
    {
        if (edits is not { Count: > 0 })
        {
            return "";
        }

        var states = new List<EditState>();
        try
        {
            for (var k = 1; k <= edits.Count; k++)
            {
                var program = EditPath.Apply(edits.Take(k));
                states.Add(new EditState([.. program.Split('\n')], Inserted(edits[k - 1])));
            }
        }
        catch (FormatException)
        {
            states.Clear();
        }

        var html = new Html();
        html.Raw($"<section id=\"lintseq-player\" data-steps=\"{states.Count}\"><h2>").Text($"Edit sequence ({edits.Count} edits)").Raw("</h2>");
        if (states.Count > 0)
        {
            var json = JsonSerializer.Serialize(states, EditJson.Options);
            html.Raw("<script type=\"application/json\" id=\"edit-states\">").Raw(json).Raw("</script>")
                .Raw("<div id=\"edit-controls\"><button type=\"button\" id=\"edit-prev\">← previous</button>")
                .Raw($"<input type=\"range\" id=\"edit-slider\" min=\"1\" max=\"{states.Count}\" value=\"{states.Count}\" aria-label=\"edit step\">")
                .Raw("<button type=\"button\" id=\"edit-next\">next →</button> ")
                .Raw($"<span id=\"edit-step-label\">step {states.Count} of {states.Count}</span></div>")
                .Raw("<pre id=\"edit-view\">");
            var last = states[^1];
            for (var i = 0; i < last.Lines.Count; i++)
            {
                html.Raw(last.Inserted.Contains(i) ? "<span class=\"line inserted\">" : "<span class=\"line\">").Text(last.Lines[i]).Raw("</span>\n");
            }

            html.Raw("</pre>");
        }

        html.Raw("<details id=\"edit-diffs\"><summary>raw diffs</summary>");
        for (var k = 0; k < edits.Count; k++)
        {
            html.Raw($"<pre class=\"edit-diff\" data-step=\"{(k + 1).ToString(CultureInfo.InvariantCulture)}\">").Text(edits[k]).Raw("</pre>");
        }

        return html.Raw("</details></section>").ToString();
    }

    // 0-based indices, in the new state, of the lines the diff's hunks add (@@ -a,0 +START,COUNT @@).
    private static List<int> Inserted(string diff)
    {
        var inserted = new List<int>();
        foreach (Match match in HunkHeader().Matches(diff))
        {
            var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var count = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            for (var i = 0; i < count; i++)
            {
                inserted.Add(Math.Max(0, start - 1 + i));
            }
        }

        return inserted;
    }

    [GeneratedRegex(@"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HunkHeader();

    private sealed record EditState(IReadOnlyList<string> Lines, IReadOnlyList<int> Inserted);

    private static class EditJson
    {
        // The default encoder escapes <, > and &, so "</script>" in a program cannot end the data island.
        public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    }
}
