using System.Net;
using System.Text;
using DataForge.Core.Diagnostics;
using DataForge.Models.OpenAi;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>Which weights a server says it serves: <c>dataforge_identity</c> in <c>GET /v1/models</c>, tolerated when absent.</summary>
public sealed class OpenAiIdentityProbeTests
{
    private static readonly Uri First = new("http://127.0.0.1:9/v1");
    private static readonly Uri Second = new("http://127.0.0.2:9/v1");

    [Fact]
    public async Task ResolveAsync_ServerReportsIdentity_ReturnsIt()
    {
        // Arrange
        using var handler = new UrlHandler(_ => (200, Models(("x", "x@0123456789abcdef"), ("y", "y@fedcba9876543210"))));

        // Act
        var identity = await OpenAiIdentityProbe.ResolveAsync(Options(First), handler, CancellationToken.None);

        // Assert
        Assert.Equal("x@0123456789abcdef", identity);
        Assert.Equal("http://127.0.0.1:9/v1/models", Assert.Single(handler.Urls));
    }

    [Theory]
    [InlineData(404, "{\"error\": {\"message\": \"no route\"}}")]
    [InlineData(200, "{\"object\": \"list\", \"data\": [{\"id\": \"x\", \"object\": \"model\"}]}")]
    [InlineData(200, "<html>not json</html>")]
    public async Task ResolveAsync_ServerReportsNothing_Null(int status, string body)
    {
        // Arrange
        using var handler = new UrlHandler(_ => (status, body));

        // Act
        var identity = await OpenAiIdentityProbe.ResolveAsync(Options(First), handler, CancellationToken.None);

        // Assert
        Assert.Null(identity);
    }

    [Fact]
    public async Task ResolveAsync_TransientFailure_Retried()
    {
        // Arrange
        var calls = 0;
        using var handler = new UrlHandler(_ => ++calls == 1 ? (503, "{}") : (200, Models(("x", "x@1"))));

        // Act
        var identity = await OpenAiIdentityProbe.ResolveAsync(Options(First), handler, CancellationToken.None);

        // Assert
        Assert.Equal(("x@1", 2), (identity, calls));
    }

    [Fact]
    public async Task ResolveAsync_UnreachableAfterRetries_ModelUnavailable()
    {
        // Arrange
        using var handler = new UrlHandler(_ => throw new HttpRequestException("connection refused"));

        // Act
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => OpenAiIdentityProbe.ResolveAsync(Options(First) with { MaxRetries = 1 }, handler, CancellationToken.None));

        // Assert
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_ServersDisagree_ConfigurationError()
    {
        // Arrange
        using var handler = new UrlHandler(url => (200, Models(("x", url.Host == First.Host ? "x@1" : "x@2"))));

        // Act + Assert
        await Assert.ThrowsAsync<DataForgeConfigException>(() => OpenAiIdentityProbe.ResolveAsync(Options(First, Second), handler, CancellationToken.None));
    }

    private static OpenAiModelOptions Options(params Uri[] urls)
        => new() { BaseUrls = urls, Model = "x", BackoffBase = TimeSpan.FromMilliseconds(1), BackoffMax = TimeSpan.FromMilliseconds(2) };

    private static string Models(params (string Id, string Identity)[] models)
        => "{\"object\": \"list\", \"data\": [" + string.Join(", ", models.Select(m => $"{{\"id\": \"{m.Id}\", \"object\": \"model\", \"dataforge_identity\": \"{m.Identity}\"}}")) + "]}";

    private sealed class UrlHandler(Func<Uri, (int Status, string Body)> answer) : HttpMessageHandler
    {
        public List<string> Urls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Urls.Add(request.RequestUri!.AbsoluteUri);
            var (status, body) = answer(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
