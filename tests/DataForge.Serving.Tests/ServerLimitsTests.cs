using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataForge.Serving.Tests.Support;
using DataForge.Testing;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>What the server does with hostile or oversized requests, a full queue, and whose weights it serves.</summary>
public sealed class ServerLimitsTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Models_ReportsTheWeightsIdentity()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync(new FakeLanguageModel(TestModels.Respond, identity: "tiny@0123456789abcdef"));
        using var http = new HttpClient { Timeout = Patient };

        // Act
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Server.Uri, "v1/models")));

        // Assert
        var model = Assert.Single(doc.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("dataforge_identity", ModelServer.IdentityField);
        Assert.Equal("tiny@0123456789abcdef", model.GetProperty("dataforge_identity").GetString());
    }

    [Fact]
    public async Task BodyOverTheLimit_Answers413WithAnOpenAiError()
    {
        // Arrange: a valid request just over the default limit of 8 MiB, sent as curl sends large
        // bodies (Expect: 100-continue), so the answer is read rather than the upload being cut off.
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient { Timeout = Patient };
        http.DefaultRequestHeaders.ExpectContinue = true;
        var body = JsonSerializer.Serialize(new { prompt = new string('a', (int)ModelServerOptions.Default.MaxRequestBodyBytes), max_tokens = 1 });

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, "v1/completions"), new StringContent(body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), "invalid_request_error", "request_too_large");
    }

    [Theory]
    [InlineData("v1/completions", "{\"prompt\":\"caf\u00ff\",\"max_tokens\":1}")]
    [InlineData("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"\u00fe\"}]}")]
    public async Task BodyNotUtf8_Answers400WithAnOpenAiError(string path, string latin1Body)
    {
        // Arrange: Latin-1 bytes (0xFF, 0xFE) are never valid UTF-8.
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient { Timeout = Patient };
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, path), content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), "invalid_request_error", "invalid_encoding");
    }

    [Fact]
    public async Task QueueFull_Answers503WithRetryAfter_ThenServesAgain()
    {
        // Arrange: no request may wait, and the model holds the first one.
        var model = new HeldModel(TestModels.Fake());
        await using var stack = await ServerRig.StartAsync(model, options: new ModelServerOptions { MaxWaitingRequests = 0 });
        using var http = new HttpClient { Timeout = Patient };
        var uri = new Uri(stack.Server.Uri, "v1/completions");
        var first = http.PostAsync(uri, Json("""{"prompt":"first","max_tokens":2}"""));
        await model.Entered.WaitAsync(Patient);

        // Act
        using var refused = await http.PostAsync(uri, Json("""{"prompt":"second","max_tokens":2}"""));
        model.Release();
        using var answered = await first;
        using var later = await http.PostAsync(uri, Json("""{"prompt":"third","max_tokens":2}"""));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        AssertError(await refused.Content.ReadAsStringAsync(), "server_error", "queue_full");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task StopAsync_WhileAGenerationRuns_CancelsItAndAnswers503()
    {
        // Arrange: a generation that would never end on its own.
        var model = new HeldModel(TestModels.Fake());
        var stack = await ServerRig.StartAsync(model);
        using var http = new HttpClient { Timeout = Patient };
        var running = http.PostAsync(new Uri(stack.Server.Uri, "v1/completions"), Json("""{"prompt":"forever","max_tokens":2}"""));
        await model.Entered.WaitAsync(Patient);

        // Act
        await stack.Server.StopAsync(CancellationToken.None).WaitAsync(Patient);
        using var response = await running.WaitAsync(Patient);
        await stack.DisposeAsync();

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), "server_error", "shutting_down");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static void AssertError(string body, string type, string code)
    {
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.True(error.TryGetProperty("param", out _));
    }
}
