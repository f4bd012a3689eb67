using System.Net;
using DataForge.Review.Server;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>Tokens off loopback, CSRF and same-origin checks on verdicts, id validation, body limits.</summary>
[Collection(SharedRuns.Name)]
public sealed class SecurityTests(ReviewRuns runs)
{
    [Fact]
    public async Task NonLoopbackBind_WithoutToken_GeneratesOne_AndRefusesRequestsWithoutIt()
    {
        // Arrange
        var target = ReviewTarget.Resolve(runs.Sample);
        await using var server = await ReviewServer.StartAsync(target, new ReviewServerOptions { Host = "0.0.0.0", Port = 0 }, CancellationToken.None);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Uri.Port}/") };

        // Act
        using var without = await client.GetAsync("/");
        using var wrong = await client.GetAsync("/?token=nope");
        using var withQuery = await client.GetAsync($"/?token={server.Token}");
        var cookie = withQuery.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/samples");
        request.Headers.Add("Cookie", cookie);
        using var withCookie = await client.SendAsync(request);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/static/review.css");
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        using var withHeader = await client.SendAsync(bearer);

        // Assert
        Assert.Matches("^[0-9a-f]{32}$", server.Token);
        Assert.Contains($"?token={server.Token}", server.OpenUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
    }

    [Fact]
    public async Task VerdictPost_CrossOriginOrWithoutCsrf_Is403()
    {
        // Arrange
        using var temp = new DataForge.Testing.TempFolder();
        await using var served = await Served.StartAsync(runs.Sample, temp.Path);
        var csrf = await served.CsrfAsync();
        var id = Served.RowIds(await served.PageAsync("/samples"))[0];
        var body = $$"""{"id": "{{id}}", "verdict": "reject"}""";

        // Act
        using var crossOrigin = await served.PostVerdictAsync(body, csrf, "http://evil.example");
        using var noOrigin = await served.PostVerdictAsync(body, csrf, null);
        using var noCsrf = await served.PostVerdictAsync(body, null, served.Origin);
        using var wrongCsrf = await served.PostVerdictAsync(body, new string('0', 64), served.Origin);
        using var good = await served.PostVerdictAsync(body, csrf, served.Origin);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noCsrf.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongCsrf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Theory]
    [InlineData("/samples/..%2F..%2Fmanifest.json")]
    [InlineData("/samples/..%5C..%5Cmanifest.json")]
    [InlineData("/samples/0123456789abcdef0123456789abcdef")]
    [InlineData("/samples/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("/data/train-00000-of-00001.parquet")]
    [InlineData("/static/../manifest.json")]
    public async Task Get_ATraversalOrUnknownId_Is404(string path)
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Sample);

        // Act
        using var response = await served.Client.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"id": "../../manifest.json", "verdict": "accept"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"id": "0123456789abcdef0123456789abcdef", "verdict": "accept"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"id": "0123456789abcdef0123456789abcdef", "verdict": "maybe"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"id": 12, "verdict": "accept"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"id": "x", """, HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task VerdictPost_BadIdOrBody_IsRefused(string body, HttpStatusCode expected)
    {
        // Arrange
        using var temp = new DataForge.Testing.TempFolder();
        await using var served = await Served.StartAsync(runs.Sample, temp.Path);
        var csrf = await served.CsrfAsync();

        // Act
        using var response = await served.PostVerdictAsync(body, csrf, served.Origin);

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task VerdictPost_OverSixtyFourKiB_Is413()
    {
        // Arrange
        using var temp = new DataForge.Testing.TempFolder();
        await using var served = await Served.StartAsync(runs.Sample, temp.Path);
        var csrf = await served.CsrfAsync();
        var id = Served.RowIds(await served.PageAsync("/samples"))[0];

        // Act
        using var response = await served.PostVerdictAsync($$"""{"id": "{{id}}", "verdict": "flag", "note": "{{new string('x', 70_000)}}"}""", csrf, served.Origin);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task LoopbackServer_AnotherHostHeader_Is403()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Sample);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";

        // Act
        using var response = await served.Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
