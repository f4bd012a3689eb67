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
    private readonly SqliteConnection _read;
    private readonly SqliteConnection _write;
    private readonly Lock _readLock = new();
    private readonly ResultWriter _writer;

    private RunStore(string path)
    {
        Path = path;
        _write = StoreDatabase.Connect(path);
        StoreDatabase.CreateSchema(_write);
        _read = StoreDatabase.Connect(path);
        _writer = new ResultWriter(_write);
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
        if (_writer.TryGetPending(key, out var value))
        {
            return ValueTask.FromResult(value);
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
    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken) => _writer.PutAsync(key, value, cancellationToken);

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

    /// <summary>
    /// Marks every attempt of <paramref name="pipeline"/> still <c>running</c> as <c>crashed</c>. Call it only
    /// while no run of that pipeline can be alive on this store (a build holds the pipeline's build lock, and
    /// a builds folder's store belongs to its builds). Returns how many were marked.
    /// </summary>
    public int MarkAbandoned(string pipeline)
    {
        lock (_readLock)
        {
            return RunLedger.MarkAbandoned(_read, pipeline);
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
        try
        {
            await _writer.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _read.Dispose();
            _write.Dispose();
        }
    }

    /// <summary>Waits until every result put so far is committed.</summary>
    public Task FlushAsync() => _writer.FlushAsync();
}
