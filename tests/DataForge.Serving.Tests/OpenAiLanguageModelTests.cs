using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Serving.Tests.Support;
using DataForge.Testing;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>The real client against the real server over a fake model: served results equal direct ones.</summary>
public sealed class OpenAiLanguageModelTests
{
    [Fact]
    public async Task GenerateAsync_ChatAndRawPrompts_EqualDirectCalls()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var expected = await TestModels.Fake().GenerateAsync(Workload.Generations, CancellationToken.None);

        // Act
        var actual = await stack.Client().GenerateAsync(Workload.Generations, CancellationToken.None);

        // Assert
        Assert.Equal(expected, actual);
        Assert.Contains(actual, r => r.FinishReason == "length");
    }

    [Fact]
    public async Task ScoreAsync_ThroughServer_EqualsDirectCalls()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var expected = await TestModels.Fake().ScoreAsync(Workload.Scores, CancellationToken.None);

        // Act
        var actual = await stack.Client().ScoreAsync(Workload.Scores, CancellationToken.None);

        // Assert
        Workload.AssertSame(expected, actual);
        Assert.Equal(["fox", "jumps", "over", "the", "lazy", "dog"], actual[0].Tokens.Select(t => t.Text));
        Assert.Equal([0, 4, 10, 15, 19, 24], actual[0].Tokens.Select(t => t.Offset));
    }

    [Fact]
    public async Task ScoreAsync_FirstTokenUnscored_LandsInUnscoredPrefix()
    {
        // Arrange
        var model = new FirstTokenUnscoredModel(TestModels.Fake());
        await using var stack = await ServerRig.StartAsync(model);
        var expected = await model.ScoreAsync(Workload.Scores, CancellationToken.None);

        // Act
        var actual = await stack.Client().ScoreAsync(Workload.Scores, CancellationToken.None);

        // Assert
        Workload.AssertSame(expected, actual);
        Assert.Equal("alpha", actual[1].UnscoredPrefix);
        Assert.Equal(["beta", "gamma"], actual[1].Tokens.Select(t => t.Text));
    }

    [Fact]
    public async Task GenerateAsync_Chat_SamplingParametersReachTheModel()
    {
        // Arrange
        var fake = TestModels.Fake();
        await using var stack = await ServerRig.StartAsync(fake);
        var request = Workload.Generations[0];

        // Act
        await stack.Client().GenerateAsync([request], CancellationToken.None);

        // Assert
        var seen = Assert.Single(fake.Requests);
        Assert.Equal(request.Messages, seen.Messages);
        Assert.Equal((request.MaxTokens, request.Temperature, request.TopP, request.TopK, request.Seed), (seen.MaxTokens, seen.Temperature, seen.TopP, seen.TopK, seen.Seed));
        Assert.Equal(request.Stop, seen.Stop);
        using var sent = JsonDocument.Parse(Assert.Single(stack.Proxy.Bodies));
        Assert.Equal(5, sent.RootElement.GetProperty("top_k").GetInt32());
    }

    [Fact]
    public async Task GenerateAsync_EmptyBatch_SendsNothing()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();

        // Act
        var results = await stack.Client().GenerateAsync([], CancellationToken.None);

        // Assert
        Assert.Empty(results);
        Assert.Equal(0, stack.Proxy.Requests);
    }

    [Fact]
    public async Task Identity_IsOpenAiAndTheModelName()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();

        // Act
        var identity = stack.Client().Identity;

        // Assert
        Assert.Equal("openai:fake", identity);
    }

    [Fact]
    public async Task GenerateAsync_RequestWithoutMessagesOrPrompt_ThrowsArgumentException()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var request = new GenerationRequest(null, null, 5, 0, 1, 0, [], 0);

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client().GenerateAsync([request], CancellationToken.None));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task SecondRun_SameCache_SendsNothingAndReturnsTheSameResults()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var cache = new InMemoryResultCache();
        var first = await Workload.RunAsync(stack.Client(cache));
        var sentFirst = stack.Proxy.Requests;

        // Act
        var second = await Workload.RunAsync(stack.Client(cache));

        // Assert
        Assert.Equal(Workload.Generations.Count + Workload.Scores.Count, sentFirst);
        Assert.Equal(sentFirst, stack.Proxy.Requests);
        Assert.Equal(first.Generated, second.Generated);
        Workload.AssertSame(first.Scored, second.Scored);
    }

    [Fact]
    public async Task Cache_KeyIgnoresTheUrl_AnotherEndpointIsNotAsked()
    {
        // Arrange
        await using var one = await ServerRig.StartAsync();
        await using var other = await ServerRig.StartAsync();
        var cache = new InMemoryResultCache();
        await Workload.RunAsync(one.Client(cache));

        // Act
        await Workload.RunAsync(other.Client(cache));

        // Assert
        Assert.Equal(0, other.Proxy.Requests);
    }

    [Fact]
    public async Task GenerateAsync_ChatMessagesDifferOnlyInRole_AreCachedApart()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var cache = new InMemoryResultCache();
        var client = stack.Client(cache);
        GenerationRequest Ask(string role) => new([new ChatMessage(role, "hello")], null, 10, 0, 1, 0, [], 1);

        // Act
        await client.GenerateAsync([Ask("user")], CancellationToken.None);
        await client.GenerateAsync([Ask("system")], CancellationToken.None);

        // Assert
        Assert.Equal(2, stack.Proxy.Requests);
        Assert.Equal(2, cache.Count);
    }
}
