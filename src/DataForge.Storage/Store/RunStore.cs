using System.Threading.Channels;
using DataForge.Core.Seams;
using Microsoft.Data.Sqlite;

namespace DataForge.Storage.Store;

/// <summary>
/// The SQLite run store (WAL mode): the content-addressed result cache behind <see cref="IResultCache"/>
/// and the ledger of runs. Writes go through one background writer that commits in batches of up to
/// 512 results or every 200 ms, whichever comes first.
/// </summary>
/// <remarks>
/// Durability: every result handed to <see cref="PutAsync"/> is committed by <see cref="FlushAsync"/>
/// and by <see cref="DisposeAsync"/>, which every orderly stop goes through (normal end, failure,
/// SIGINT, SIGTERM), even when the put's own token was already cancelled. Only a crash (kill -9, power
/// loss) can lose results: at most those put within the last batch interval (200 ms, or the last
/// 512 results), which a rerun recomputes.
/// </remarks>
public sealed class RunStore : IResultCache, IAsyncDisposable
{
    private const int BatchSize = 512;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _read;
    private readonly SqliteConnection _write;
    private readonly Lock _readLock = new();
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private readonly Lock _pendingLock = new();
    private readonly Lock _writeLock = new();
    private readonly Channel<KeyValuePair<string, byte[]>> _puts = Channel.CreateBounded<KeyValuePair<string, byte[]>>(new BoundedChannelOptions(8192) { SingleReader = true });
    private readonly Task _writer;

    private RunStore(string path)
    {
        Path = path;
        _write = StoreDatabase.Connect(path);
        StoreDatabase.CreateSchema(_write);
        _read = StoreDatabase.Connect(path);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    public static RunStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new RunStore(path);
    }

    /// <inheritdoc/>
    public ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_pendingLock)
        {
            if (_pending.TryGetValue(key, out var value))
            {
                return ValueTask.FromResult<byte[]?>(value);
            }
        }

        lock (_readLock)
        {
            using var command = _read.CreateCommand();
            command.CommandText = "SELECT value FROM results WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return ValueTask.FromResult(command.ExecuteScalar() as byte[]);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A result is accepted even when <paramref name="cancellationToken"/> is cancelled (the work is
    /// done; losing it would only make a rerun compute it again): it is committed by the next
    /// <see cref="FlushAsync"/> or by <see cref="DisposeAsync"/>. The token only stops a wait for room.
    /// </remarks>
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

    /// <summary>Number of cached results (flushed ones).</summary>
    public long CountResults()
    {
        lock (_readLock)
        {
            using var command = _read.CreateCommand();
            command.CommandText = "SELECT count(*) FROM results";
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Records the start of a run attempt (building <paramref name="runDirectory"/>) and returns its attempt number (1, 2, ...).</summary>
    public int BeginRun(string runId, string pipeline, DateTimeOffset now, string? runDirectory = null)
    {
        lock (_readLock)
        {
            return RunLedger.Begin(_read, runId, pipeline, now, runDirectory);
        }
    }

    /// <summary>
    /// Marks every attempt of <paramref name="runId"/> building <paramref name="runDirectory"/> (or
    /// recorded without a folder) that is still <c>running</c> as <c>crashed</c>: it never recorded its
    /// end (killed, or the machine stopped). Call it only while holding that run folder's lock, so a
    /// live attempt is never marked. Their finish time stays unknown (null). Returns how many were marked.
    /// </summary>
    public int MarkCrashed(string runId, string runDirectory)
    {
        lock (_readLock)
        {
            return RunLedger.MarkCrashed(_read, runId, runDirectory);
        }
    }

    /// <summary>Records the end of a run attempt with its per-step counts.</summary>
    public void FinishRun(string runId, int attempt, string status, DateTimeOffset now, IEnumerable<StepLedgerEntry> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (_readLock)
        {
            RunLedger.Finish(_read, runId, attempt, status, now, steps);
        }
    }

    /// <summary>The ledger entries of every attempt of a run, oldest first.</summary>
    public IReadOnlyList<RunLedgerEntry> ReadLedger(string runId)
    {
        lock (_readLock)
        {
            return RunLedger.Read(_read, runId);
        }
    }

    /// <summary>Commits every pending result (including puts whose token was cancelled) and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        _puts.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
            CommitLeftovers();
        }
        finally
        {
            _read.Dispose();
            _write.Dispose();
        }
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
