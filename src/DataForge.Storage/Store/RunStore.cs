using System.Threading.Channels;
using DataForge.Core.Seams;
using Microsoft.Data.Sqlite;

namespace DataForge.Storage.Store;

/// <summary>
/// The SQLite run store (WAL mode): the content-addressed result cache behind <see cref="IResultCache"/>
/// and the ledger of runs. Writes go through one background writer that commits in batches, so a
/// crash loses at most the last unflushed batch, which a rerun simply recomputes.
/// </summary>
public sealed class RunStore : IResultCache, IAsyncDisposable
{
    private const int BatchSize = 512;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _read;
    private readonly SqliteConnection _write;
    private readonly Lock _readLock = new();
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private readonly Lock _pendingLock = new();
    private readonly Channel<KeyValuePair<string, byte[]>> _puts = Channel.CreateBounded<KeyValuePair<string, byte[]>>(new BoundedChannelOptions(8192) { SingleReader = true });
    private readonly Task _writer;

    private RunStore(string path)
    {
        Path = path;
        _write = Connect(path);
        Execute(_write, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS runs (run_id TEXT NOT NULL, attempt INTEGER NOT NULL, pipeline TEXT NOT NULL,
                started_utc TEXT NOT NULL, finished_utc TEXT, status TEXT NOT NULL, PRIMARY KEY (run_id, attempt));
            CREATE TABLE IF NOT EXISTS run_steps (run_id TEXT NOT NULL, attempt INTEGER NOT NULL, step TEXT NOT NULL,
                received INTEGER NOT NULL, emitted INTEGER NOT NULL, computed INTEGER NOT NULL, cache_hits INTEGER NOT NULL,
                PRIMARY KEY (run_id, attempt, step));
            """);
        _read = Connect(path);
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
    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        lock (_pendingLock)
        {
            _pending[key] = value;
        }

        return _puts.Writer.WriteAsync(new(key, value), cancellationToken);
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

    /// <summary>Records the start of a run attempt and returns its attempt number (1, 2, ...).</summary>
    public int BeginRun(string runId, string pipeline, DateTimeOffset now)
    {
        lock (_readLock)
        {
            using var command = _read.CreateCommand();
            command.CommandText = """
                INSERT INTO runs (run_id, attempt, pipeline, started_utc, status)
                VALUES ($run, (SELECT coalesce(max(attempt), 0) + 1 FROM runs WHERE run_id = $run), $pipeline, $now, 'running')
                RETURNING attempt
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$pipeline", pipeline);
            command.Parameters.AddWithValue("$now", now.ToString("O"));
            return Convert.ToInt32(command.ExecuteScalar()!);
        }
    }

    /// <summary>Records the end of a run attempt with its per-step counts.</summary>
    public void FinishRun(string runId, int attempt, string status, DateTimeOffset now, IEnumerable<StepLedgerEntry> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (_readLock)
        {
            using var transaction = _read.BeginTransaction();
            using (var command = _read.CreateCommand())
            {
                command.CommandText = "UPDATE runs SET status = $status, finished_utc = $now WHERE run_id = $run AND attempt = $attempt";
                command.Parameters.AddWithValue("$status", status);
                command.Parameters.AddWithValue("$now", now.ToString("O"));
                command.Parameters.AddWithValue("$run", runId);
                command.Parameters.AddWithValue("$attempt", attempt);
                command.ExecuteNonQuery();
            }

            foreach (var step in steps)
            {
                using var command = _read.CreateCommand();
                command.CommandText = """
                    INSERT OR REPLACE INTO run_steps (run_id, attempt, step, received, emitted, computed, cache_hits)
                    VALUES ($run, $attempt, $step, $received, $emitted, $computed, $hits)
                    """;
                command.Parameters.AddWithValue("$run", runId);
                command.Parameters.AddWithValue("$attempt", attempt);
                command.Parameters.AddWithValue("$step", step.Step);
                command.Parameters.AddWithValue("$received", step.Received);
                command.Parameters.AddWithValue("$emitted", step.Emitted);
                command.Parameters.AddWithValue("$computed", step.Computed);
                command.Parameters.AddWithValue("$hits", step.CacheHits);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The ledger entries of every attempt of a run, oldest first.</summary>
    public IReadOnlyList<RunLedgerEntry> ReadLedger(string runId)
    {
        lock (_readLock)
        {
            var runs = new List<RunLedgerEntry>();
            using var command = _read.CreateCommand();
            command.CommandText = "SELECT attempt, status FROM runs WHERE run_id = $run ORDER BY attempt";
            command.Parameters.AddWithValue("$run", runId);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    runs.Add(new RunLedgerEntry(reader.GetInt32(0), reader.GetString(1), []));
                }
            }

            return [.. runs.Select(r => r with { Steps = ReadSteps(runId, r.Attempt) })];
        }
    }

    /// <summary>Flushes pending results and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        _puts.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _read.Dispose();
        _write.Dispose();
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

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private List<StepLedgerEntry> ReadSteps(string runId, int attempt)
    {
        var steps = new List<StepLedgerEntry>();
        using var command = _read.CreateCommand();
        command.CommandText = "SELECT step, received, emitted, computed, cache_hits FROM run_steps WHERE run_id = $run AND attempt = $attempt ORDER BY rowid";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$attempt", attempt);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(new StepLedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return steps;
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

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<KeyValuePair<string, byte[]>> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using (var transaction = _write.BeginTransaction())
        {
            using var command = _write.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO results (key, value) VALUES ($key, $value)";
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Blob);
            foreach (var (k, v) in batch)
            {
                key.Value = k;
                value.Value = v;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

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

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
