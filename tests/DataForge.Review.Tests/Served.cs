using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DataForge.Review.Server;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>A review server started in-process on a free loopback port, with a client that keeps no cookies.</summary>
internal sealed partial class Served : IAsyncDisposable
{
    private Served(ReviewServer server, ReviewTarget target)
    {
        Server = server;
        Target = target;
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Uri };
    }

    public ReviewServer Server { get; }

    public ReviewTarget Target { get; }

    public HttpClient Client { get; }

    public string Origin => Server.Uri.GetLeftPart(UriPartial.Authority);

    public static async Task<Served> StartAsync(string path, string? indexDirectory = null, ReviewServerOptions? options = null)
    {
        var target = ReviewTarget.Resolve(path, indexDirectory);
        var server = await ReviewServer.StartAsync(target, (options ?? new ReviewServerOptions()) with { Port = 0 }, CancellationToken.None);
        return new Served(server, target);
    }

    public async Task<string> PageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<string> CsrfAsync() => CsrfMeta().Match(await PageAsync("/")).Groups[1].Value;

    public async Task<HttpResponseMessage> PostVerdictAsync(string json, string? csrf, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/verdicts") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The data-id values of the sample list's rows, in order.</summary>
    public static List<string> RowIds(string html) => [.. RowId().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The total the sample list reports.</summary>
    public static long Total(string html) => long.Parse(TotalAttr().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([0-9a-f]+)\">")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("<tr class=\"sample-row [a-z]+\" data-id=\"([0-9a-f]{32})\"")]
    private static partial Regex RowId();

    [GeneratedRegex("id=\"result-count\" data-total=\"([0-9]+)\"")]
    private static partial Regex TotalAttr();
}
