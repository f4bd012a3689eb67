using DataForge.Core.Seams;
using System.Diagnostics;
using DataForge.Models.OpenAi;
using DataForge.Serving.Tests.Support;
using DataForge.Testing;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>Faults injected between the client and the server: retried to the same results, or surfaced as the right exception.</summary>
public sealed class OpenAiRetryTests
{
    [Fact]
    public async Task Workload_EveryKindOfTransientFault_SameResultsAsFaultFreeRun()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        var clean = await Workload.RunAsync(stack.Client());
        var sentClean = stack.Proxy.Requests;
        Fault[] faults = [Fault.TooManyRequests("0"), Fault.ServerError, Fault.Stall, Fault.Truncate, Fault.Garble, Fault.Reset];
        stack.Proxy.Enqueue(faults);

        // Act
        var faulty = await Workload.RunAsync(stack.Client(timeout: TimeSpan.FromSeconds(3)));

        // Assert: each fault cost exactly one retry.
        Assert.Equal(clean.Generated, faulty.Generated);
        Workload.AssertSame(clean.Scored, faulty.Scored);
        Assert.Equal(2 * sentClean + faults.Length, stack.Proxy.Requests);
    }

    [Theory]
    [InlineData(nameof(Fault.Truncate))]
    [InlineData(nameof(Fault.Garble))]
    [InlineData(nameof(Fault.Reset))]
    [InlineData(nameof(Fault.ServerError))]
    [InlineData(nameof(Fault.Stall))]
    public async Task EachPath_OneFault_RetriedOnceToTheSameResult(string kind)
    {
        // Arrange: one chat, one raw prompt and one score request, each hit by the fault first.
        await using var stack = await ServerRig.StartAsync();
        var fault = (Fault)typeof(Fault).GetProperty(kind)!.GetValue(null)!;
        var client = stack.Client(concurrency: 1, timeout: TimeSpan.FromSeconds(3)); // generous: only the stall (endless) may time out, even on a loaded machine
        var expected = await TestModels.Fake().GenerateAsync([Workload.Generations[0], Workload.Generations[2]], CancellationToken.None);

        // Act
        stack.Proxy.Enqueue(fault);
        var chat = await client.GenerateAsync([Workload.Generations[0]], CancellationToken.None);
        stack.Proxy.Enqueue(fault);
        var raw = await client.GenerateAsync([Workload.Generations[2]], CancellationToken.None);
        stack.Proxy.Enqueue(fault);
        var score = await client.ScoreAsync([Workload.Scores[0]], CancellationToken.None);

        // Assert
        Assert.Equal(expected, new[] { chat[0], raw[0] });
        Workload.AssertSame(await TestModels.Fake().ScoreAsync([Workload.Scores[0]], CancellationToken.None), score);
        Assert.Equal(6, stack.Proxy.Requests);
    }

    [Fact]
    public async Task TooManyRequests_RetryAfterSeconds_IsHonoured()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Enqueue(Fault.TooManyRequests("1"));
        var client = stack.Client();
        var clock = Stopwatch.StartNew();

        // Act
        await client.GenerateAsync([Workload.Generations[2]], CancellationToken.None);

        // Assert
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, stack.Proxy.Requests);
    }

    [Fact]
    public async Task TooManyRequests_RetryAfterHttpDateInThePast_RetriesAtOnce()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Enqueue(Fault.TooManyRequests(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("r")));

        // Act
        var result = await stack.Client().ScoreAsync([Workload.Scores[0]], CancellationToken.None);

        // Assert
        Assert.NotEmpty(result[0].Tokens);
        Assert.Equal(2, stack.Proxy.Requests);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried_AndRaisesRejection()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Enqueue(Fault.BadRequest);

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client().GenerateAsync([Workload.Generations[1]], CancellationToken.None));

        // Assert
        var rejected = Assert.IsType<ModelRequestRejectedException>(error);
        Assert.Equal(400, rejected.StatusCode);
        Assert.Equal(0, rejected.RequestIndex);
        Assert.Equal(stack.Proxy.BaseUrl, rejected.Url);
        Assert.Contains("injected 400", rejected.ServerMessage);
        Assert.Equal(1, stack.Proxy.Requests);
    }

    [Fact]
    public async Task BadRequest_InABatch_OthersAreCachedAndTheRejectionNamesItsIndex()
    {
        // Arrange: one request at a time, so the rejection hits the second one.
        await using var stack = await ServerRig.StartAsync();
        var cache = new InMemoryResultCache();
        stack.Proxy.Enqueue(Fault.None, Fault.BadRequest);

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client(cache, concurrency: 1).GenerateAsync(Workload.Generations, CancellationToken.None));
        var again = await Record.ExceptionAsync(() => stack.Client(cache).GenerateAsync(Workload.Generations, CancellationToken.None));

        // Assert: the rerun resends nothing, the rejection included.
        Assert.Equal(1, Assert.IsType<ModelRequestRejectedException>(error).RequestIndex);
        Assert.Equal(1, Assert.IsType<ModelRequestRejectedException>(again).RequestIndex);
        Assert.Equal(Workload.Generations.Count, cache.Count);
        Assert.Equal(Workload.Generations.Count, stack.Proxy.Requests);
    }

    [Fact]
    public async Task BadRequest_ForScoringWithZeroTokens_IsAskedOnceMoreWithOneToken()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Enqueue(Fault.BadRequest);

        // Act
        var result = await stack.Client().ScoreAsync([Workload.Scores[0]], CancellationToken.None);

        // Assert
        Workload.AssertSame(await TestModels.Fake().ScoreAsync([Workload.Scores[0]], CancellationToken.None), result);
        Assert.Equal(2, stack.Proxy.Requests);
        Assert.Contains("\"max_tokens\":1", stack.Proxy.Bodies[1]);
    }

    [Fact]
    public async Task ServerErrorEveryTime_RaisesUnavailableNamingTheUrl()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Always = Fault.ServerError;

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client(maxRetries: 2).ScoreAsync([Workload.Scores[0]], CancellationToken.None));

        // Assert
        var unavailable = Assert.IsType<ModelUnavailableException>(error);
        Assert.Equal(stack.Proxy.BaseUrl, unavailable.Url);
        Assert.Equal(500, unavailable.StatusCode);
        Assert.Equal(3, unavailable.Attempts);
        Assert.Contains(stack.Proxy.BaseUrl.ToString(), unavailable.Message);
        Assert.Equal(3, stack.Proxy.Requests);
    }

    [Fact]
    public async Task StallEveryTime_RaisesUnavailableWithoutStatus()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Always = Fault.Stall;

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client(maxRetries: 1, timeout: TimeSpan.FromMilliseconds(200)).GenerateAsync([Workload.Generations[0]], CancellationToken.None));

        // Assert
        var unavailable = Assert.IsType<ModelUnavailableException>(error);
        Assert.Null(unavailable.StatusCode);
        Assert.Equal(2, stack.Proxy.Requests);
    }

    [Fact]
    public async Task Cancellation_StopsRetrying()
    {
        // Arrange
        await using var stack = await ServerRig.StartAsync();
        stack.Proxy.Always = Fault.Stall;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // Act
        var error = await Record.ExceptionAsync(() => stack.Client().GenerateAsync([Workload.Generations[2]], cancel.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.InRange(stack.Proxy.Requests, 0, 1);
    }
}
