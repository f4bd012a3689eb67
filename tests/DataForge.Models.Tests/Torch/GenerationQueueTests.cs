using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Inference;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>
/// Concurrent generation calls share decoder batches of one padded prompt width, and each request's
/// result is bit for bit what it would be alone.
/// </summary>
[Collection(TorchTests.Name)]
public sealed class GenerationQueueTests
{
    [Fact]
    public async Task GenerateAsync_ConcurrentCalls_ShareBatchesInArrivalOrderAndGetTheirOwnOutputs()
    {
        // Arrange: a decoder that blocks on its first batch, so the calls made meanwhile queue behind it.
        var decoder = new FirstBatchBlocks(token => token * 10);
        var queue = decoder.Queue(3, _ => 0);
        var batches = decoder.Batches;

        // Act
        var first = queue.GenerateAsync([Input(1)], CancellationToken.None);
        var rest = Enumerable.Range(2, 5).Select(n => queue.GenerateAsync([Input(n)], CancellationToken.None)).ToList();
        decoder.Release.SetResult();
        var outputs = await Task.WhenAll([first, .. rest]);

        // Assert
        Assert.Equal([10, 20, 30, 40, 50, 60], outputs.Select(o => Assert.Single(o).Tokens[0]));
        Assert.Equal([1, 2, 3, 4, 5, 6], batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 3));
        Assert.InRange(batches.Count, 2, 3); // the calls made while the first batch decodes share the next ones
        Assert.Equal(((long)batches.Count, 6L), queue.Decoded);
    }

    [Fact]
    public async Task GenerateAsync_DecoderFails_EveryCallerOfTheBatchSeesTheError_AndTheQueueGoesOn()
    {
        // Arrange
        var calls = 0;
        var queue = new GenerationQueue(8, _ => 0, (inputs, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<IReadOnlyList<GenerationOutput>>(new InvalidOperationException("out of memory"))
            : Task.FromResult<IReadOnlyList<GenerationOutput>>([.. inputs.Select(i => new GenerationOutput([7], "stop"))]));

        // Act
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.GenerateAsync([Input(1), Input(2)], CancellationToken.None));
        var after = await queue.GenerateAsync([Input(3)], CancellationToken.None);

        // Assert
        Assert.Equal("out of memory", failed.Message);
        Assert.Equal(7, Assert.Single(after).Tokens[0]);
    }

    [Fact]
    public async Task GenerateAsync_InputsOfTwoGroups_EachBatchHoldsOneGroupInArrivalOrder()
    {
        // Arrange: the first batch blocks, so the rest queue; odd and even prompts are two groups.
        var decoder = new FirstBatchBlocks(token => token);
        var queue = decoder.Queue(2, i => i.Prompt[0] % 2);
        var batches = decoder.Batches;

        // Act
        var first = queue.GenerateAsync([Input(0)], CancellationToken.None);
        await decoder.Started.Task;
        var rest = queue.GenerateAsync([Input(1), Input(2), Input(3), Input(4), Input(5), Input(7)], CancellationToken.None);
        decoder.Release.SetResult();
        var outputs = (await first).Concat(await rest).Select(o => o.Tokens[0]).ToList();

        // Assert
        Assert.Equal([0, 1, 2, 3, 4, 5, 7], outputs);
        Assert.Equal([[0], [1, 3], [2, 4], [5, 7]], batches);
    }

    [Fact]
    public async Task GenerateAsync_OneGroupFillsABatch_ItGoesBeforeAnOlderSmallerGroup()
    {
        // Arrange: the first batch blocks while 1 (odd) and then 2, 4, 6 (even) queue.
        var decoder = new FirstBatchBlocks(token => token);
        var queue = decoder.Queue(3, i => i.Prompt[0] % 2);
        var batches = decoder.Batches;

        // Act
        var first = queue.GenerateAsync([Input(0)], CancellationToken.None);
        await decoder.Started.Task;
        var rest = queue.GenerateAsync([Input(1), Input(2), Input(4), Input(6)], CancellationToken.None);
        decoder.Release.SetResult();
        await Task.WhenAll(first, rest);

        // Assert
        Assert.Equal([[0], [2, 4, 6], [1]], batches);
    }

    [Theory]
    [InlineData("qwen2-random", 0.9)]
    [InlineData("llama-random", 1.0)]
    [InlineData("tiny", 0.7)]
    public async Task GenerateAsync_ConcurrentRequestsOfManyLengths_SameTokensAsAlone_InFewerBatches(string checkpoint, double temperature)
    {
        // Arrange: prompts from 9 to about 140 tokens, several per padded width, sampled for 40 tokens.
        var folder = checkpoint == "tiny" ? RepoPaths.Combine("models", "tiny") : Goldens.Folder(checkpoint);
        using var model = TorchLanguageModel.Load(folder, TorchModelOptions.Default with { BatchSize = 8 });
        var requests = Enumerable.Range(0, 24)
            .Select(i => new GenerationRequest(null, $"record {i}: " + string.Concat(Enumerable.Repeat("the quick brown fox ", 1 + (i * 5 % 23))), 40, temperature, 0.95, 0, [], (ulong)(1000 + i)))
            .ToList();
        var alone = new List<GenerationResult>();
        foreach (var request in requests)
        {
            alone.Add(Assert.Single(await model.GenerateAsync([request], CancellationToken.None)));
        }

        var before = model.GenerationBatches;

        // Act: one call with all, and every request in its own concurrent call, in reverse order.
        var oneCall = await model.GenerateAsync(requests, CancellationToken.None);
        var concurrent = await Task.WhenAll(requests.AsEnumerable().Reverse().Select(r => Task.Run(() => model.GenerateAsync([r], CancellationToken.None))));

        // Assert
        Assert.Equal(alone, oneCall);
        Assert.Equal(alone.AsEnumerable().Reverse(), concurrent.Select(t => Assert.Single(t)));
        Assert.True(alone.Select(a => a.Text).Distinct().Count() > 20, "the requests should differ");
        var batches = model.GenerationBatches.Batches - before.Batches;
        Assert.Equal(48L, model.GenerationBatches.Sequences - before.Sequences);
        Assert.True(batches < 30, $"48 requests took {batches} batches");
    }

    private static GenerationInput Input(int token) => new([token], 1, SamplingSettings.Greedy);

    // A decoder that records its batches (first prompt token of each input) and holds the first one until released.
    private sealed class FirstBatchBlocks(Func<int, int> answer)
    {
        public TaskCompletionSource Started { get; } = new();

        public TaskCompletionSource Release { get; } = new();

        public List<int[]> Batches { get; } = [];

        public GenerationQueue Queue(int batchSize, Func<GenerationInput, int> group) => new(batchSize, group, async (inputs, _) =>
        {
            Batches.Add([.. inputs.Select(i => i.Prompt[0])]);
            if (Batches.Count == 1)
            {
                Started.SetResult();
                await Release.Task;
            }

            return [.. inputs.Select(i => new GenerationOutput([answer(i.Prompt[0])], "length"))];
        });
    }
}
