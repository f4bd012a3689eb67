using Microsoft.Playwright;

namespace DataForge.Browser.Tests;

/// <summary>
/// A Playwright page in its own browser context, with everything a test may assert on recorded as it happens:
/// console messages, uncaught page errors, JavaScript dialogs (dismissed at once; an <c>alert</c> is how most
/// XSS payloads show they ran) and the URL of every request the page issued, including those the fixture
/// aborted because they went to another host.
/// </summary>
public sealed class ObservedPage : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<string> console = [];
    private readonly List<string> errors = [];
    private readonly List<string> dialogs = [];
    private readonly List<string> requests = [];
    private readonly IBrowserContext context;

    private ObservedPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    /// <summary>The underlying Playwright page, for clicks, locators and evaluation.</summary>
    public IPage Page { get; }

    /// <summary>Console messages so far, as <c>type: text</c> (e.g. <c>error: Refused to execute inline script…</c>).</summary>
    public IReadOnlyList<string> ConsoleMessages => Snapshot(console);

    /// <summary>Uncaught exceptions thrown in the page so far.</summary>
    public IReadOnlyList<string> PageErrors => Snapshot(errors);

    /// <summary>Dialogs opened so far, as <c>type: message</c> (e.g. <c>alert: 1</c>).</summary>
    public IReadOnlyList<string> Dialogs => Snapshot(dialogs);

    /// <summary>The URL of every request issued so far (documents, scripts, images, fetches; popups included).</summary>
    public IReadOnlyList<string> Requests => Snapshot(requests);

    /// <summary>The requests whose origin (scheme, host, port) differs from <paramref name="origin"/>'s.</summary>
    public IReadOnlyList<string> RequestsOutside(Uri origin) =>
        [.. Requests.Where(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                                  || Uri.Compare(uri, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)];

    /// <summary>Opens <paramref name="url"/> and waits until the page and its subresources have loaded.</summary>
    public async Task GotoAsync(Uri url)
    {
        var response = await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"{url}: HTTP {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"}");
        }
    }

    /// <summary>Writes a full-page PNG to <see cref="TestArtifacts.Screenshots"/>/<paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = TestArtifacts.ScreenshotPath(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.CloseAsync();

    /// <summary>Wires the recorders and the loopback-only route into <paramref name="context"/>, then opens its page.</summary>
    internal static async Task<ObservedPage> OpenAsync(IBrowserContext context)
    {
        await context.RouteAsync("**/*", route => IsLoopback(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
        var page = await context.NewPageAsync();
        var observed = new ObservedPage(context, page);
        context.Request += (_, request) => observed.Add(observed.requests, request.Url);
        context.Console += (_, message) => observed.Add(observed.console, $"{message.Type}: {message.Text}");
        context.WebError += (_, error) => observed.Add(observed.errors, error.Error);
        context.Dialog += (_, dialog) =>
        {
            observed.Add(observed.dialogs, $"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        return observed;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Scheme is "data" or "blob" or "about");

    private void Add(List<string> list, string entry)
    {
        lock (gate)
        {
            list.Add(entry);
        }
    }

    private List<string> Snapshot(List<string> list)
    {
        lock (gate)
        {
            return [.. list];
        }
    }
}
