using System.Text.Json;
using DataForge.Core.Seams;
using DataForge.Models.OpenAi;
using DataForge.Serving.Tests.Support;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>Servers that score differently, or cannot: answered by a stub handler.</summary>
public sealed class OpenAiScoringSupportTests
{
    private static readonly Uri Base = new("http://scoring.invalid/v1");

    // "ab cd" + generated "ef": offsets 0, 3 and 5; logprobs null, -0.5 and -9.
    private const string EchoAnswer = """
        {"choices":[{"text":"ab cdef","finish_reason":"length","logprobs":{"tokens":["ab"," cd","ef"],"token_logprobs":[null,-0.5,-9],"text_offset":[0,2,5],"top_logprobs":null}}]}
        """;

    [Fact]
    public async Task ZeroMaxTokensRefused_FallsBackToOneAndDropsTheGeneratedToken()
    {
        // Arrange
        var handler = new StubHandler(body => body.Contains("\"max_tokens\":0") ? (400, """{"error":{"message":"max_tokens must be at least 1"}}""") : (200, EchoAnswer));
        using var client = Client(handler);

        // Act
        var first = await client.ScoreAsync([new ScoreRequest("ab", " cd")], CancellationToken.None);
        var second = await client.ScoreAsync([new ScoreRequest("", "ab cd")], CancellationToken.None);

        // Assert: after one refusal, 1 is asked at once.
        Assert.Equal([new ScoredToken(" cd", 0, -0.5)], first[0].Tokens);
        Assert.Equal("ab", second[0].UnscoredPrefix);
        Assert.Equal([new ScoredToken(" cd", 2, -0.5)], second[0].Tokens);
        Assert.Equal(3, handler.Bodies.Count);
        using var sent = JsonDocument.Parse(handler.Bodies[1]);
        Assert.True(sent.RootElement.GetProperty("echo").GetBoolean());
        Assert.Equal(1, sent.RootElement.GetProperty("logprobs").GetInt32());
    }

    [Fact]
    public async Task NoLogProbsInTheAnswer_RaisesScoringNotSupportedNamingTheUrl()
    {
        // Arrange
        var handler = new StubHandler(_ => (200, """{"choices":[{"text":"ab cd","logprobs":null,"finish_reason":"length"}]}"""));
        using var client = Client(handler);

        // Act
        var error = await Record.ExceptionAsync(() => client.ScoreAsync([new ScoreRequest("", "ab cd")], CancellationToken.None));

        // Assert
        var unsupported = Assert.IsType<ScoringNotSupportedException>(error);
        Assert.IsAssignableFrom<NotSupportedException>(error);
        Assert.Contains("http://scoring.invalid/v1/completions", unsupported.Message);
        Assert.Contains("cannot score", unsupported.Message);
        Assert.Single(handler.Bodies);
    }

    [Fact]
    public async Task EchoRefused_RaisesScoringNotSupported()
    {
        // Arrange
        var handler = new StubHandler(_ => (400, """{"error":{"message":"echo is not supported"}}"""));
        using var client = Client(handler);

        // Act
        var error = await Record.ExceptionAsync(() => client.ScoreAsync([new ScoreRequest("", "ab cd")], CancellationToken.None));

        // Assert
        Assert.IsType<ScoringNotSupportedException>(error);
        Assert.Equal(2, handler.Bodies.Count);
    }

    [Fact]
    public async Task Unauthorized_IsNotRetried_AndRaisesUnavailable()
    {
        // Arrange
        var handler = new StubHandler(_ => (401, """{"error":{"message":"bad key"}}"""));
        using var client = Client(handler);

        // Act
        var error = await Record.ExceptionAsync(() => client.GenerateAsync([Workload.Generations[2]], CancellationToken.None));

        // Assert
        var unavailable = Assert.IsType<ModelUnavailableException>(error);
        Assert.Equal(401, unavailable.StatusCode);
        Assert.Contains("bad key", unavailable.Message);
        Assert.Single(handler.Bodies);
    }

    [Fact]
    public async Task RawPrompt_SendsSamplingParametersAndNoUnsetOnes()
    {
        // Arrange
        var handler = new StubHandler(_ => (200, """{"choices":[{"text":" there","finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":1}}"""));
        using var client = Client(handler);
        var request = new GenerationRequest(null, "hello", 9, 0.25, 0.5, 0, ["\n"], ulong.MaxValue);

        // Act
        var result = await client.GenerateAsync([request], CancellationToken.None);

        // Assert
        Assert.Equal(new GenerationResult(" there", "stop", 2, 1), result[0]);
        using var sent = JsonDocument.Parse(Assert.Single(handler.Bodies));
        var root = sent.RootElement;
        Assert.Equal(("m", "hello", 9, 0.25, 0.5, -1L), (root.GetProperty("model").GetString(), root.GetProperty("prompt").GetString(), root.GetProperty("max_tokens").GetInt32(), root.GetProperty("temperature").GetDouble(), root.GetProperty("top_p").GetDouble(), root.GetProperty("seed").GetInt64()));
        Assert.False(root.TryGetProperty("top_k", out _));
        Assert.Equal("\n", root.GetProperty("stop")[0].GetString());
    }

    private static OpenAiLanguageModel Client(StubHandler handler)
        => new(new OpenAiModelOptions { BaseUrls = [Base], Model = "m", MaxRetries = 2, BackoffBase = TimeSpan.FromMilliseconds(1) }, null, handler);
}
