using DataForge.Core.Seams;
using DataForge.Serving.Tests.Support;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>Several base URLs: least outstanding requests first, and the per-endpoint in-flight limit.</summary>
public sealed class OpenAiEndpointTests
{
    [Fact]
    public async Task TwoBaseUrls_OneRequestAtATime_SplitEvenly()
    {
        // Arrange: nothing in flight when each request goes, so the tie-break (fewest sent) decides.
        await using var stack = await ServerRig.StartAsync(proxies: 2);
        var client = stack.Client();

        // Act
        for (var i = 0; i < 8; i++)
        {
            await client.ScoreAsync([new ScoreRequest("", $"text number {i}")], CancellationToken.None);
        }

        // Assert
        Assert.Equal([4, 4], stack.Proxies.Select(p => p.Requests));
    }

    [Fact]
    public async Task TwoBaseUrls_ABatchAtOnce_FillsBothUpToTheirLimits()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync(proxies: 2);
        var requests = Enumerable.Range(0, 8).Select(i => new ScoreRequest("", $"text number {i}")).ToList();

        // Act
        var results = await stack.Client(concurrency: 4).ScoreAsync(requests, CancellationToken.None);

        // Assert: both were used, and every request was sent once.
        Assert.Equal(8, results.Count);
        Assert.All(stack.Proxies, p => Assert.True(p.Requests >= 1));
        Assert.Equal(8, stack.Proxies.Sum(p => p.Requests));
    }

    [Fact]
    public async Task ConcurrencyLimit_IsReachedButNeverExceededPerEndpoint()
    {
        // Arrange: a slow model, so requests queue up at each endpoint.
        var model = new ConcurrencyProbeModel(TestModels.Fake(), TimeSpan.FromMilliseconds(100)); // long enough that a loaded machine still queues the second request
        await using var stack = await ServerRig.StartAsync(model, proxies: 2);
        var requests = Enumerable.Range(0, 16).Select(i => new ScoreRequest("", $"text number {i}")).ToList();

        // Act
        var results = await stack.Client(concurrency: 2).ScoreAsync(requests, CancellationToken.None);

        // Assert
        Assert.Equal(16, results.Count);
        Assert.Equal([2, 2], stack.Proxies.Select(p => p.MaxInFlight));
        Assert.Equal(1, model.MaxInside);
    }

    [Fact]
    public async Task Batch_ResultsComeBackInRequestOrder()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync(proxies: 2);
        var requests = Enumerable.Range(0, 12).Select(i => new ScoreRequest("", string.Join(' ', Enumerable.Repeat("w", i + 1)))).ToList();

        // Act
        var results = await stack.Client(concurrency: 3).ScoreAsync(requests, CancellationToken.None);

        // Assert
        Assert.Equal(Enumerable.Range(1, 12), results.Select(r => r.Tokens.Count));
    }
}
