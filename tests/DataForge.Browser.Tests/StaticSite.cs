using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DataForge.Browser.Tests;

/// <summary>One file a <see cref="StaticSite"/> serves: its body, content type and optional Content-Security-Policy header.</summary>
/// <param name="Body">The response body (UTF-8).</param>
/// <param name="ContentType">The Content-Type header, e.g. <c>text/html; charset=utf-8</c>.</param>
/// <param name="ContentSecurityPolicy">The Content-Security-Policy header; none when null.</param>
public sealed record StaticFile(string Body, string ContentType, string? ContentSecurityPolicy = null)
{
    /// <summary>The strict policy the review pages are meant to carry: nothing but the page's own origin.</summary>
    public const string SelfOnly = "default-src 'self'";

    /// <summary>An HTML page (UTF-8).</summary>
    public static StaticFile Html(string body, string? contentSecurityPolicy = null) =>
        new(body, "text/html; charset=utf-8", contentSecurityPolicy);

    /// <summary>A JavaScript file (UTF-8).</summary>
    public static StaticFile Script(string body) => new(body, "text/javascript; charset=utf-8");
}

/// <summary>
/// A tiny HTTP server on 127.0.0.1 with a free port (Kestrel, port 0) serving in-memory files by path;
/// files can be added while it runs. Unknown paths answer 404.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, StaticFile> files = new(StringComparer.Ordinal);
    private readonly WebApplication app;

    private StaticSite(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The site's origin with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a site serving <paramref name="files"/> (path such as <c>/index.html</c> → file).</summary>
    public static async Task<StaticSite> StartAsync(IReadOnlyDictionary<string, StaticFile>? files = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        StaticSite? site = null;
        app.Run(context => site!.ServeAsync(context));
        await app.StartAsync();
        var address = app.Urls.Single();
        site = new StaticSite(app, new Uri(address.TrimEnd('/') + "/"));
        foreach (var (path, file) in files ?? new Dictionary<string, StaticFile>())
        {
            site.Put(path, file);
        }

        return site;
    }

    /// <summary>Adds or replaces the file at <paramref name="path"/> (starting with '/').</summary>
    public void Put(string path, StaticFile file) => files[path] = file;

    /// <summary>The absolute URL of <paramref name="path"/> on this site.</summary>
    public Uri Url(string path) => new(BaseAddress, path);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private Task ServeAsync(HttpContext context)
    {
        if (!files.TryGetValue(context.Request.Path.Value ?? "/", out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        if (file.ContentSecurityPolicy is not null)
        {
            context.Response.Headers.ContentSecurityPolicy = file.ContentSecurityPolicy;
        }

        return context.Response.WriteAsync(file.Body);
    }
}
