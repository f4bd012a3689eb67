using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using DataForge.Serving.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>The chat and completion endpoints: accepted shapes, streaming, and echoed prompts scored with logprobs.</summary>
public sealed class ModelServerCompletionTests
{
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
}
