using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DataForge.Storage.Store;

/// <summary>
/// The run store's one background writer: results wait in memory (readable at once) and are committed
/// in batches of up to 512 or every 200 ms, whichever comes first.
/// </summary>
internal sealed class ResultWriter
{
    private const int BatchSize = 512;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _write;
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private readonly Lock _pendingLock = new();
    private readonly Lock _writeLock = new();
    private readonly Channel<KeyValuePair<string, byte[]>> _puts = Channel.CreateBounded<KeyValuePair<string, byte[]>>(new BoundedChannelOptions(8192) { SingleReader = true });
    private readonly Task _writer;

    public ResultWriter(SqliteConnection write)
    {
        _write = write;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>A result put but not committed yet.</summary>
    public bool TryGetPending(string key, out byte[]? value)
    {
        lock (_pendingLock)
        {
            return _pending.TryGetValue(key, out value);
        }
    }

    /// <summary>Queues a result; accepted even when the token is cancelled (it then waits for flush or close).</summary>
    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        lock (_pendingLock)
        {
            _pending[key] = value;
        }

        var item = new KeyValuePair<string, byte[]>(key, value);
        if (_puts.Writer.TryWrite(item) || cancellationToken.IsCancellationRequested)
        {
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(item, cancellationToken);
    }

    /// <summary>Waits until every result put so far is committed.</summary>
    public async Task FlushAsync()
    {
        while (true)
        {
            lock (_pendingLock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }
            }

            if (_writer.IsCompleted)
            {
                await _writer.ConfigureAwait(false);
                CommitLeftovers();
                return;
            }

            await Task.Delay(10).ConfigureAwait(false);
            if (!_puts.Reader.TryPeek(out _))
            {
                // Nothing queued, yet results are pending: their puts never reached the queue (cancelled waits).
                CommitLeftovers();
            }
        }
    }

    /// <summary>Stops the writer once the queue is drained and commits whatever is still pending.</summary>
    public async Task CloseAsync()
    {
        _puts.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        CommitLeftovers();
    }

    private async ValueTask WaitForRoomAsync(KeyValuePair<string, byte[]> item, CancellationToken cancellationToken)
    {
        try
        {
            await _puts.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the result stays pending and is committed on flush or dispose.
        }
    }

    // Results still pending once the queue is drained: puts that never reached the queue.
    private void CommitLeftovers()
    {
        List<KeyValuePair<string, byte[]>> leftovers;
        lock (_pendingLock)
        {
            leftovers = [.. _pending];
        }

        lock (_writeLock)
        {
            Commit(leftovers);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<KeyValuePair<string, byte[]>>(BatchSize);
        var reader = _puts.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            using var window = new CancellationTokenSource(FlushInterval);
            try
            {
                while (batch.Count < BatchSize && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                {
                    while (batch.Count < BatchSize && reader.TryRead(out var item))
                    {
                        batch.Add(item);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The flush interval ended: commit what we have.
            }

            lock (_writeLock)
            {
                Commit(batch);
            }

            batch.Clear();
        }
    }

    private void Commit(List<KeyValuePair<string, byte[]>> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        StoreDatabase.InsertResults(_write, batch);
        lock (_pendingLock)
        {
            foreach (var (k, v) in batch)
            {
                if (_pending.TryGetValue(k, out var current) && ReferenceEquals(current, v))
                {
                    _pending.Remove(k);
                }
            }
        }
    }
}
