using System.Globalization;
using System.Text.RegularExpressions;
using DataForge.Review.Index;
using DataForge.Review.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataForge.Review.Server;

/// <summary>
/// The routes: <c>GET /</c>, <c>GET /samples</c>, <c>GET /samples/{id}</c>, <c>GET /diff</c>,
/// <c>GET /static/review.js</c>, <c>GET /static/review.css</c>, <c>POST /api/verdicts</c>; anything else 404.
/// No request path or parameter names a file: runs are chosen among the known run names, records by
/// validated id through the index.
/// </summary>
internal static partial class ReviewRoutes
{
    public static void Map(WebApplication app, ReviewState state)
    {
        app.MapGet("/static/review.js", StaticAssets.ScriptAsync);
        app.MapGet("/static/review.css", StaticAssets.StyleAsync);
        app.MapGet("/", context => PageAsync(context, state, "overview", (page, _) => ("Overview", state.Overview(page.Index))));
        app.MapGet("/samples", context => PageAsync(context, state, "samples", (page, query) =>
            ("Samples", SamplesPage.Body(page, query, state.Verdicts().Find))));
        app.MapGet("/samples/{id}", context => DetailAsync(context, state));
        app.MapGet("/diff", context => DiffAsync(context, state));
        app.MapPost("/api/verdicts", context => VerdictApi.HandleAsync(context, state));
        app.MapFallback(context => ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "not found"));
    }

    /// <summary>True when <paramref name="id"/> has the shape of a record id (32 lower-case hex digits).</summary>
    public static bool IsRecordId(string? id) => id is not null && RecordId().IsMatch(id);

    private static async Task PageAsync(HttpContext context, ReviewState state, string page, Func<PageContext, SampleQuery, (string Title, string Body)> render)
    {
        var query = SampleQuery.Parse(name => context.Request.Query[name].FirstOrDefault());
        if (state.Target.Find(query.Run) is not { } run)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "no such run").ConfigureAwait(false);
            return;
        }

        var index = await state.IndexAsync(run).ConfigureAwait(false);
        var pageContext = new PageContext(state.Target, run, index, state.CsrfToken, query.Text, context.Request.Path.Value ?? "/");
        var (title, body) = render(pageContext, query);
        await HtmlAsync(context, Layout.Page(pageContext, page, title, body)).ConfigureAwait(false);
    }

    private static async Task DetailAsync(HttpContext context, ReviewState state)
    {
        var id = context.Request.RouteValues["id"] as string;
        var query = SampleQuery.Parse(name => context.Request.Query[name].FirstOrDefault());
        if (!IsRecordId(id) || state.Target.Find(query.Run) is not { } run)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "no such record").ConfigureAwait(false);
            return;
        }

        var index = await state.IndexAsync(run).ConfigureAwait(false);
        if (index.Find(id!) is not { } record)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "no such record in this run").ConfigureAwait(false);
            return;
        }

        long? position = long.TryParse(context.Request.Query["pos"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pos) ? pos : null;
        var pageContext = new PageContext(state.Target, run, index, state.CsrfToken, "", "/");
        var body = await DetailPage.BodyAsync(pageContext, record, query with { Page = 1 }, position, state.Verdicts().Find(record.Id), context.RequestAborted).ConfigureAwait(false);
        await HtmlAsync(context, Layout.Page(pageContext, "detail", $"Record {record.Id[..12]}", body)).ConfigureAwait(false);
    }

    private static async Task DiffAsync(HttpContext context, ReviewState state)
    {
        var runs = state.Target.Runs;
        var older = state.Target.Find(context.Request.Query["a"].FirstOrDefault() ?? (runs.Count > 1 ? runs[1].Name : runs[0].Name));
        var newer = state.Target.Find(context.Request.Query["b"].FirstOrDefault() ?? runs[0].Name);
        if (older is null || newer is null)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "no such build").ConfigureAwait(false);
            return;
        }

        var a = await state.IndexAsync(older).ConfigureAwait(false);
        var b = await state.IndexAsync(newer).ConfigureAwait(false);
        var pageContext = new PageContext(state.Target, newer, b, state.CsrfToken, "", "/diff");
        await HtmlAsync(context, Layout.Page(pageContext, "diff", "Diff", DiffPage.Body(pageContext, a, b))).ConfigureAwait(false);
    }

    private static Task HtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordId();
}
