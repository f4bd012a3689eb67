using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using DataForge.Serving.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>The server's HTTP surface, read with a plain HTTP client and with Microsoft.Extensions.AI.</summary>
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
    public async Task Chat_AnyModelNameAndTextParts_AreAccepted()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();
        const string body = """{"model":"whatever/else","messages":[{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]}],"max_tokens":4}""";

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, "v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var root = doc.RootElement;
        Assert.Equal(("chat.completion", 0), (root.GetProperty("object").GetString(), root.GetProperty("created").GetInt32()));
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("reply to Hi there", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(4, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_Streaming_ThroughIChatClient_GivesTheSameTextAsAWholeAnswer()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var chat = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(stack.Server.Uri, "v1") }).GetChatClient("fake").AsIChatClient();
        Microsoft.Extensions.AI.ChatMessage[] messages = [new(ChatRole.User, "Stream this, please.")];
        var whole = await chat.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 50 });

        // Act
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = 50 }))
        {
            updates.Add(update);
        }

        // Assert
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.StartsWith("reply to Stream this, please.", whole.Text);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
    }

    [Fact]
    public async Task Chat_Streaming_RawEventsEndWithDone()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();
        const string body = """{"messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""";

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, "v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var content = chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "");
        Assert.StartsWith("reply to hi", string.Concat(content));
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Completions_EchoWithLogprobs_ScoresThePromptWithANullFirstToken()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync(new FirstTokenUnscoredModel(TestModels.Fake()));
        using var http = new HttpClient();
        const string body = """{"model":"x","prompt":"alpha beta gamma","max_tokens":0,"echo":true,"logprobs":1}""";

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, "v1/completions"), new StringContent(body, Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("alpha beta gamma", choice.GetProperty("text").GetString());
        var logprobs = choice.GetProperty("logprobs");
        Assert.Equal(["alpha", "beta", "gamma"], logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([0, 6, 11], logprobs.GetProperty("text_offset").EnumerateArray().Select(t => t.GetInt32()));
        var values = logprobs.GetProperty("token_logprobs").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, values[0].ValueKind);
        Assert.Equal(TestModels.Score(new("", "beta"))[0], values[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, logprobs.GetProperty("top_logprobs").ValueKind);
    }

    [Fact]
    public async Task Completions_EchoWithGeneration_TextIsPromptThenCompletionAndBothAreScored()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        using var http = new HttpClient();
        const string body = """{"prompt":"Say:","max_tokens":2,"echo":true,"logprobs":0,"seed":-1}""";

        // Act
        using var response = await http.PostAsync(new Uri(stack.Server.Uri, "v1/completions"), new StringContent(body, Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("Say:reply to", choice.GetProperty("text").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        var logprobs = choice.GetProperty("logprobs");
        Assert.Equal(["Say:", "reply", "to"], logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([0, 4, 10], logprobs.GetProperty("text_offset").EnumerateArray().Select(t => t.GetInt32()));
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
