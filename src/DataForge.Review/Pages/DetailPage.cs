using System.Globalization;
using System.Text.Json;
using DataForge.Core.Review;
using DataForge.Review.Index;
using DataForge.Storage.Shards;

namespace DataForge.Review.Pages;

/// <summary>
/// <c>/samples/{id}</c>: every field of the record, each score with its percentile in the run, the
/// verdict panel, the lineage tree, the ensemble vote and the edit-sequence player. With <c>pos</c>
/// and the list's filters in the query string, <c>a#prev-sample</c> / <c>a#next-sample</c> step through that list.
/// </summary>
internal static class DetailPage
{
    public static async Task<string> BodyAsync(PageContext context, IndexedRecord record, SampleQuery list, long? position, ReviewVerdict? verdict, CancellationToken cancellationToken)
    {
        var row = await context.Index.ReadRowAsync(record, cancellationToken).ConfigureAwait(false);
        var html = new Html();
        html.Raw($"<article id=\"sample\" {Html.Attr("data-id", record.Id)} class=\"{(record.Kept ? "kept" : "rejected")}\"><h1>").Text($"Record {record.Id}").Raw("</h1>");
        Navigation(html, context, list, position);
        html.Raw("<p id=\"sample-status\">").Text(record.Kept ? $"kept by {record.Step} ({record.Reason ?? "written"})" : $"rejected by {record.Step}: {record.Reason}").Raw("</p>");
        html.Raw("<section id=\"verdict-panel\"><h2>Verdict</h2>");
        SamplesPage.VerdictButtons(html, record.Id, verdict);
        html.Raw($"<label>note <input type=\"text\" id=\"verdict-note\" maxlength=\"2000\" {Html.Attr("value", verdict?.Note)}></label> <span id=\"verdict-status\" role=\"status\"></span></section>");
        Scores(html, context.Index, record);
        Fields(html, context, row);
        html.Raw(await LineageView.RenderAsync(context, record, cancellationToken).ConfigureAwait(false));
        html.Raw(VotesView.Render(row.Votes));
        html.Raw(EditsPlayer.Render(row.Edits));
        return html.Raw("</article>").ToString();
    }

    private static void Navigation(Html html, PageContext context, SampleQuery list, long? position)
    {
        html.Raw("<nav id=\"sample-nav\">");
        var back = list.ToQueryString(position is { } p ? (int)(p / list.PageSize) + 1 : null);
        html.Link(back.Length == 0 ? "/samples" : $"/samples?{back}", "↑ list", "id=\"back-to-list\"");
        if (position is { } pos)
        {
            foreach (var (offset, id, label) in new[] { (pos - 1, "prev-sample", "← previous (k)"), (pos + 1, "next-sample", "next (j) →") })
            {
                if (context.Index.At(list, offset) is { } other)
                {
                    var query = list.ToQueryString();
                    html.Raw(" ").Link($"/samples/{other.Id}?{(query.Length == 0 ? "" : query + "&")}pos={offset.ToString(CultureInfo.InvariantCulture)}", label, $"id=\"{id}\"");
                }
            }
        }

        html.Raw("</nav>");
    }

    private static void Scores(Html html, ReviewIndex index, IndexedRecord record)
    {
        html.Raw("<section id=\"scores\"><h2>Scores</h2><table id=\"score-percentiles\"><thead><tr><th>score</th><th>value</th><th>percentile in run</th></tr></thead><tbody>");
        foreach (var score in IndexSchema.Scores)
        {
            if (record.Score(score) is { } value)
            {
                var percentile = index.Percentile(score, value);
                html.Raw($"<tr class=\"score-row\" data-score=\"{score}\"><td>{score}</td><td class=\"num\">{Html.Number(value)}</td><td class=\"num percentile\">{Html.Number(percentile, "F1")}</td></tr>");
            }
        }

        var length = index.Percentile("output_len", record.OutputLength);
        html.Raw($"<tr class=\"score-row\" data-score=\"output_len\"><td>output length</td><td class=\"num\">{Html.Number(record.OutputLength)}</td><td class=\"num percentile\">{Html.Number(length, "F1")}</td></tr>");
        html.Raw("</tbody></table></section>");
    }

    private static void Fields(Html html, PageContext context, ShardRow row)
    {
        html.Raw("<section id=\"fields-section\"><h2>Fields</h2><table id=\"fields\"><tbody>");
        Field(html, "id", row.Id);
        Field(html, "kind", row.Kind);
        Long(html, "instruction", row.Instruction);
        Long(html, "input", row.Input);
        Long(html, "output", row.Output);
        if (row.Messages is { Count: > 0 } messages)
        {
            html.Raw("<tr data-field=\"messages\"><th>messages</th><td><ol class=\"messages\">");
            foreach (var message in messages)
            {
                html.Raw("<li class=\"message\">").Element("span", message.Role, "class=\"role\"").Raw("<pre>").Text(message.Content).Raw("</pre></li>");
            }

            html.Raw("</ol></td></tr>");
        }
        else
        {
            Field(html, "messages", null);
        }

        Field(html, "language", row.Language);
        Field(html, "edits", row.Edits is { } edits ? $"{edits.Count} edits (see the player below)" : null);
        Linked(html, context, "parent_id", row.ParentId);
        Linked(html, context, "root_id", row.RootId);
        Field(html, "operation", row.Operation);
        Field(html, "round", row.Round?.ToString(CultureInfo.InvariantCulture));
        Field(html, "model", row.Model);
        Field(html, "prompt_id", row.PromptId);
        Field(html, "ifd", row.Ifd?.ToString("R", CultureInfo.InvariantCulture));
        Field(html, "ic_ifd", row.IcIfd?.ToString("R", CultureInfo.InvariantCulture));
        Field(html, "less", row.Less?.ToString("R", CultureInfo.InvariantCulture));
        Field(html, "s2l_cluster", row.S2lCluster?.ToString(CultureInfo.InvariantCulture));
        Long(html, "votes", row.Votes);
        Long(html, "meta", Pretty(row.Meta));
        Field(html, "source", row.Source);
        Field(html, "origin", row.Origin);
        Field(html, "run_id", row.RunId);
        Field(html, "step", row.Step);
        Field(html, "reason", row.Reason);
        if (row is RejectRow reject)
        {
            Long(html, "raw", reject.Raw);
        }

        html.Raw("</tbody></table></section>");
    }

    private static void Field(Html html, string name, string? value)
        => html.Raw($"<tr data-field=\"{name}\"><th>{name}</th>").Element("td", value ?? "", value is null ? "class=\"null\"" : "").Raw("</tr>");

    private static void Long(Html html, string name, string? value)
        => html.Raw($"<tr data-field=\"{name}\"><th>{name}</th><td>").Raw(value is null ? "" : "<pre class=\"text\">").Text(value).Raw(value is null ? "" : "</pre>").Raw("</td></tr>");

    private static void Linked(Html html, PageContext context, string name, string? id)
    {
        html.Raw($"<tr data-field=\"{name}\"><th>{name}</th><td>");
        if (id is not null)
        {
            html.Link(context.Detail(id), id, $"class=\"field-link\"");
        }

        html.Raw("</td></tr>");
    }

    private static string? Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return json;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, PrettyJson.Options);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static class PrettyJson
    {
        public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
