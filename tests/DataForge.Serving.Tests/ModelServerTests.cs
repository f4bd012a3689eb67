using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using DataForge.Serving.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>The server's lifecycle and HTTP surface around the endpoints: ports, the model list, bad requests and routes, one request at a time.</summary>
public sealed class ModelServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsAFreeLoopbackPort()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();

        // Act
        var uri = stack.Server.Uri;

        // Assert
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.NotEqual(0, uri.Port);
    }

    [Fact]
    public async Task Models_ListsTheServedName()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();

        // Act
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Server.Uri, "v1/models")));

        // Assert
        var root = doc.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        var model = Assert.Single(root.GetProperty("data").EnumerateArray());
        Assert.Equal(("fake", "model", "dataforge"), (model.GetProperty("id").GetString(), model.GetProperty("object").GetString(), model.GetProperty("owned_by").GetString()));
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"x"}""", "messages")]
    [InlineData("v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", "temperature")]
    [InlineData("v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"n":2}""", "n")]
    [InlineData("v1/completions", """{"prompt":42}""", "prompt")]
    [InlineData("v1/completions", """{"prompt":"hi","max_tokens":-1}""", "max_tokens")]
    [InlineData("v1/completions", """{"prompt":"hi","top_p":0}""", "top_p")]
    [InlineData("v1/completions", """{"prompt":"hi","stop":[1]}""", "stop")]
    [InlineData("v1/completions", "{not json", null)]
    [InlineData("v1/completions", """{"prompt":["a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a"],"max_tokens":1}""", "prompt")]
    public async Task MalformedRequest_Answers400WithAnOpenAiError(string path, string body, string? param)
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, path), new StringContent(body, Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = doc.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task ParallelRequests_ReachTheModelOneAtATime()
    {
        // Arrange
        var model = new ConcurrencyProbeModel(TestModels.Fake(), TimeSpan.FromMilliseconds(5));
        await using var stack = await ServerRig.StartAsync(model);
        using var http = new HttpClient();
        var url = new Uri(stack.Server.Uri, "v1/completions");

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            http.PostAsync(url, new StringContent($$"""{"prompt":"p{{i}}","max_tokens":4}""", Encoding.UTF8, "application/json"))));

        // Assert
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, model.MaxInside);
    }

    [Fact]
    public async Task UnknownRoute_Answers404WithAnOpenAiError()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();

        // Act
        using var response = await http.GetAsync(new Uri(stack.Server.Uri, "v1/embeddings"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SameRequest_SameResponseBytes()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();
        const string body = """{"messages":[{"role":"user","content":"again"}],"seed":3}""";
        var url = new Uri(stack.Server.Uri, "v1/chat/completions");

        // Act
        var first = await (await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        var second = await (await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(first, second);
        Assert.Contains("\"id\":\"chatcmpl-", first);
    }

    [Fact]
    public async Task StartAsync_PortInUse_Throws()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var options = new ModelServerOptions { Port = stack.Server.Uri.Port };

        // Act
        var error = await Record.ExceptionAsync(() => ModelServer.StartAsync(TestModels.Fake(), options, CancellationToken.None));

        // Assert
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Options_HostThatIsNoAddress_Throws()
    {
        // Arrange
        var make = () => new ModelServerOptions { Host = "example.com" };

        // Act
        var error = Record.Exception(make);

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task StopAsync_ThenRequests_AreRefused()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();

        // Act
        await stack.Server.StopAsync(CancellationToken.None);
        var error = await Record.ExceptionAsync(() => http.GetAsync(new Uri(stack.Server.Uri, "v1/models")));

        // Assert
        Assert.IsType<HttpRequestException>(error);
    }
}
