namespace DataForge.Review.Pages;

/// <summary>The frame of every page: head (one CSS file, one deferred script, the CSRF meta tag), navigation, search box and run selector.</summary>
internal static class Layout
{
    public static string Page(PageContext context, string page, string title, string body)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw($"<meta name=\"csrf-token\" {Html.Attr("content", context.CsrfToken)}>")
            .Element("title", $"{title} · dataforge review")
            .Raw("<link rel=\"stylesheet\" href=\"/static/review.css\"><script src=\"/static/review.js\" defer></script></head>")
            .Raw($"<body {Html.Attr("data-page", page)} {Html.Attr("data-run", context.Run.Name)}>")
            .Raw("<header id=\"topbar\"><nav>")
            .Link(context.Url("/"), "Overview", "id=\"nav-overview\"")
            .Link(context.Url("/samples"), "Samples", "id=\"nav-samples\"");
        if (context.Target.Kind == ReviewTargetKind.Builds && context.Target.Runs.Count > 1)
        {
            html.Link($"/diff?a={Uri.EscapeDataString(context.Target.Runs[1].Name)}&b={Uri.EscapeDataString(context.Target.Runs[0].Name)}", "Diff", "id=\"nav-diff\"");
        }

        html.Raw("</nav><form id=\"search-form\" action=\"/samples\" method=\"get\" role=\"search\">")
            .Raw($"<input type=\"hidden\" name=\"run\" {Html.Attr("value", context.Run.Name)}>")
            .Raw($"<input id=\"search\" name=\"q\" type=\"search\" placeholder=\"Search text (/)\" {Html.Attr("value", context.SearchText)}>")
            .Raw("<button type=\"submit\">Search</button></form>");
        RunSelector(html, context);
        html.Raw("</header><main id=\"content\">").Raw(body).Raw("</main></body></html>");
        return html.ToString();
    }

    private static void RunSelector(Html html, PageContext context)
    {
        if (context.Target.Runs.Count < 2)
        {
            html.Element("span", context.Run.Name, "id=\"run-name\"");
            return;
        }

        html.Raw($"<form id=\"run-selector\" {Html.Attr("action", context.PathForRunSelector)} method=\"get\"><label for=\"run-select\">Run</label> <select id=\"run-select\" name=\"run\">");
        foreach (var run in context.Target.Runs)
        {
            html.Raw($"<option {Html.Attr("value", run.Name)}{(run.Name == context.Run.Name ? " selected" : "")}>").Text(run.Name).Raw("</option>");
        }

        html.Raw("</select> <button type=\"submit\" id=\"run-go\">Show</button></form>");
    }
}
