using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Inference;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>Concurrent generation calls share decoder batches, and each request's result is what it would be alone.</summary>
[Collection(TorchTests.Name)]
public sealed class GenerationQueueTests
{
    [Fact]
    public async Task GenerateAsync_ConcurrentCalls_ShareBatchesInArrivalOrderAndGetTheirOwnOutputs()
    {
        // Arrange: a decoder that blocks on its first batch, so the calls made meanwhile queue behind it.
        var release = new TaskCompletionSource();
        var batches = new List<int[]>();
        var queue = new GenerationQueue(3, async (inputs, _) =>
        {
            batches.Add([.. inputs.Select(i => i.Prompt[0])]);
            if (batches.Count == 1)
            {
                await release.Task;
            }

            return [.. inputs.Select(i => new GenerationOutput([i.Prompt[0] * 10], "length"))];
        });

        // Act
        var first = queue.GenerateAsync([Input(1)], CancellationToken.None);
        var rest = Enumerable.Range(2, 5).Select(n => queue.GenerateAsync([Input(n)], CancellationToken.None)).ToList();
        release.SetResult();
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
        var queue = new GenerationQueue(8, (inputs, _) => Interlocked.Increment(ref calls) == 1
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
    public async Task GenerateAsync_ManyConcurrentRecordsOnARealModel_SameTextsAsOneAtATime_InFewerBatches()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Goldens.Folder("qwen2-random"), TorchModelOptions.Default with { BatchSize = 8 });
        var requests = Enumerable.Range(0, 12).Select(i => new GenerationRequest([new ChatMessage("user", $"record {i}: the quick brown fox")], null, 6 + (i % 4), i % 3 == 0 ? 0 : 0.9, 0.95, 0, [], (ulong)(1000 + i))).ToList();
        var alone = new List<GenerationResult>();
        foreach (var request in requests)
        {
            alone.Add(Assert.Single(await model.GenerateAsync([request], CancellationToken.None)));
        }

        var before = model.GenerationBatches;

        // Act
        var together = await Task.WhenAll(requests.Select(r => Task.Run(() => model.GenerateAsync([r], CancellationToken.None))));

        // Assert
        Assert.Equal(alone, together.Select(t => Assert.Single(t)));
        var batches = model.GenerationBatches.Batches - before.Batches;
        Assert.Equal(12L, model.GenerationBatches.Sequences - before.Sequences);
        Assert.True(batches < 12, $"12 concurrent requests took {batches} batches");
    }

    private static GenerationInput Input(int token) => new([token], 1, SamplingSettings.Greedy);
}
