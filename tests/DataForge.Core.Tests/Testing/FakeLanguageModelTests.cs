using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.Testing;

public sealed class FakeLanguageModelTests
{
    [Fact]
    public async Task GenerateAsync_QueuedTexts_ReturnedInOrderThenResponder()
    {
        // Arrange
        var model = new FakeLanguageModel(r => $"echo: {r.Prompt}").Enqueue("first", "second");

        // Act
        var results = await model.GenerateAsync([Request("a"), Request("b"), Request("c")], CancellationToken.None);

        // Assert
        Assert.Equal(["first", "second", "echo: c"], results.Select(r => r.Text));
        Assert.Equal(["a", "b", "c"], model.Requests.Select(r => r.Prompt));
    }

    [Fact]
    public async Task GenerateAsync_NoQueueNoResponder_Throws()
    {
        // Arrange
        var model = new FakeLanguageModel();

        // Act
        var error = await Record.ExceptionAsync(() => model.GenerateAsync([Request("a")], CancellationToken.None));

        // Assert
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public async Task GenerateAsync_TextLongerThanMaxTokens_IsCutWithLengthFinish()
    {
        // Arrange
        var model = new FakeLanguageModel(_ => "one two three four five");

        // Act
        var result = Assert.Single(await model.GenerateAsync([Request("p q", maxTokens: 3)], CancellationToken.None));

        // Assert
        Assert.Equal(new GenerationResult("one two three", "length", 2, 3), result);
    }

    [Fact]
    public async Task ScoreAsync_DefaultScorer_IsDeterministicOnePerWord()
    {
        // Arrange
        var a = new FakeLanguageModel();
        var b = new FakeLanguageModel();
        ScoreRequest[] requests = [new("ctx", "the answer is 42"), new("", "x")];

        // Act
        var first = await a.ScoreAsync(requests, CancellationToken.None);
        var second = await b.ScoreAsync(requests, CancellationToken.None);

        // Assert
        Assert.Equal([4, 1], first.Select(s => s.Tokens.Count));
        Assert.Equal(first.SelectMany(s => s.Tokens), second.SelectMany(s => s.Tokens));
        Assert.All(first.SelectMany(s => s.Tokens), t => Assert.InRange(t.LogProb, -2.0, -0.01));
        Assert.Equal(["the", "answer", "is", "42"], first[0].Tokens.Select(t => t.Text));
        Assert.Equal([0, 4, 11, 14], first[0].Tokens.Select(t => t.Offset));
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_Throws()
    {
        // Arrange
        var model = new FakeLanguageModel(_ => "x");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var error = await Record.ExceptionAsync(() => model.GenerateAsync([Request("a")], cancelled.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task GenerateAsync_ChatMessages_CountPromptWords()
    {
        // Arrange
        var model = new FakeLanguageModel(_ => "ok");
        var request = new GenerationRequest([new ChatMessage("system", "be brief"), new ChatMessage("user", "say hi")], null, 16, 0, 1, 0, [], 1);

        // Act
        var result = Assert.Single(await model.GenerateAsync([request], CancellationToken.None));

        // Assert
        Assert.Equal((4, 1, "stop"), (result.PromptTokens, result.CompletionTokens, result.FinishReason));
    }

    private static GenerationRequest Request(string prompt, int maxTokens = 64) => new(null, prompt, maxTokens, 0.7, 0.9, 0, [], 7);
}
