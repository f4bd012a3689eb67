using System.Net;
using System.Text;
using System.Threading.Channels;
using DataForge.Serving.Tests.Support;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>The queue in front of the model: arrival order, and room freed by a client that goes away.</summary>
public sealed class ServerQueueTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task WaitingRequests_ReachTheModelInArrivalOrder()
    {
        // Arrange: the model holds the first request; the others arrive one by one (the server counts
        // a request's prompt tokens just before it queues it).
        var (model, arrivals, options) = Rig();
        await using var stack = await ServerRig.StartAsync(model, options: options);
        using var http = new HttpClient { Timeout = Patient };
        var sent = new List<Task<HttpResponseMessage>>();

        // Act
        foreach (var prompt in new[] { "first", "second", "third", "fourth" })
        {
            sent.Add(Send(http, stack, prompt));
            Assert.Equal(prompt, await arrivals.Reader.ReadAsync().AsTask().WaitAsync(Patient));
            await Task.Delay(TimeSpan.FromMilliseconds(300)); // from counted to queued is a few instructions
        }

        model.Release();
        var responses = await Task.WhenAll(sent).WaitAsync(Patient);

        // Assert
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(["first", "second", "third", "fourth"], model.Order);
    }

    [Fact]
    public async Task WaitingClientGoesAway_ItsPlaceIsFreed()
    {
        // Arrange: one request may wait; it waits, then its client goes away.
        var (model, arrivals, options) = Rig(maxWaiting: 1);
        await using var stack = await ServerRig.StartAsync(model, options: options);
        using var http = new HttpClient { Timeout = Patient };
        var first = Send(http, stack, "first");
        await model.Entered.WaitAsync(Patient);
        using var leaving = new CancellationTokenSource();
        var gone = Send(http, stack, "gone", leaving.Token);
        Assert.Equal("first", await arrivals.Reader.ReadAsync().AsTask().WaitAsync(Patient));
        Assert.Equal("gone", await arrivals.Reader.ReadAsync().AsTask().WaitAsync(Patient));
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        // Act
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        var next = await SendUntilQueuedAsync(http, stack, arrivals);
        model.Release();

        // Assert
        Assert.Equal(HttpStatusCode.OK, (await first.WaitAsync(Patient)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.WaitAsync(Patient)).StatusCode);
        Assert.Equal(["first", "next"], model.Order);
    }

    private static (HeldModel Model, Channel<string> Arrivals, ModelServerOptions Options) Rig(int maxWaiting = 64)
    {
        var model = new HeldModel(TestModels.Fake());
        var arrivals = Channel.CreateUnbounded<string>();
        var options = new ModelServerOptions
        {
            MaxWaitingRequests = maxWaiting,
            PromptTokens = r =>
            {
                arrivals.Writer.TryWrite(r.Prompt!);
                return 1;
            },
        };
        return (model, arrivals, options);
    }

    // The server notices a client that went away when its connection closes, a moment after the
    // client cancels: until then a request finds the queue full (503), and is sent again.
    private static async Task<Task<HttpResponseMessage>> SendUntilQueuedAsync(HttpClient http, ServerRig stack, Channel<string> arrivals)
    {
        var deadline = DateTime.UtcNow + Patient;
        while (true)
        {
            var next = Send(http, stack, "next");
            Assert.Equal("next", await arrivals.Reader.ReadAsync().AsTask().WaitAsync(Patient));
            var quick = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500)));
            if (quick != next || (await next).StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return next;
            }
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, ServerRig stack, string prompt, CancellationToken cancellationToken = default)
        => http.PostAsync(
            new Uri(stack.Server.Uri, "v1/completions"),
            new StringContent($$"""{"prompt":"{{prompt}}","max_tokens":2}""", Encoding.UTF8, "application/json"),
            cancellationToken);
}
