using DataForge.Storage.Store;
using Xunit;

namespace DataForge.Storage.Tests.Store;

/// <summary>
/// What the run store keeps: every put on an orderly stop (even one made after the stop was asked
/// for), and — the crash window — results committed by the background writer without any flush.
/// </summary>
public sealed class RunStoreDurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dataforge-store-").FullName;

    private string StorePath => Path.Combine(_folder, "store.sqlite");

    [Fact]
    public async Task Put_AfterStopWasRequested_IsCommittedOnDispose()
    {
        // Arrange: the run's token is already cancelled (SIGTERM) when a finished result is put.
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        var store = RunStore.Open(StorePath);

        // Act
        await store.PutAsync("finished-at-sigterm", [1, 2, 3], stopped.Token);
        await store.DisposeAsync();

        // Assert
        await using var reopened = RunStore.Open(StorePath);
        Assert.Equal([1, 2, 3], await reopened.TryGetAsync("finished-at-sigterm", CancellationToken.None));
    }

    [Fact]
    public async Task Put_ManyAfterStopWasRequested_AllCommittedByFlush()
    {
        // Arrange: more results than the queue holds, put after the stop.
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        await using var store = RunStore.Open(StorePath);

        // Act
        for (var i = 0; i < 10_000; i++)
        {
            await store.PutAsync($"k{i}", [(byte)i], stopped.Token);
        }

        await store.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));

        // Assert
        Assert.Equal(10_000, store.CountResults());
    }

    [Fact]
    public async Task Put_WithoutFlush_IsCommittedByTheBackgroundWriter_TheCrashWindowIsBounded()
    {
        // Arrange: a store that is never flushed nor disposed before another connection looks, as
        // after kill -9: what the background writer committed is what a crash keeps.
        var store = RunStore.Open(StorePath);
        try
        {
            // Act
            await store.PutAsync("committed-in-background", [7], CancellationToken.None);

            // Assert: another connection sees it without any flush (the writer commits every 200 ms;
            // the wait is generous for a loaded machine and asserts no timing).
            var deadline = DateTime.UtcNow.AddMinutes(1);
            long seen = 0;
            while (seen == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                await using var other = RunStore.Open(StorePath);
                seen = other.CountResults();
            }

            Assert.Equal(1, seen);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
