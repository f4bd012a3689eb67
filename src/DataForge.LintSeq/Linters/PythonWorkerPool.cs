using System.Threading.Channels;

namespace DataForge.LintSeq.Linters;

/// <summary>
/// Warm <c>lint_worker.py</c> processes for one linter. A call takes an idle worker from a channel,
/// sends one request and awaits its answer. A worker that times out, exits, answers nonsense or
/// reaches <see cref="PythonLinterOptions.RestartAfterCalls"/> is killed and replaced by a fresh
/// one, which starts when the next call takes it. A call whose worker crashed (exited, killed,
/// nonsense answer) is retried, up to <see cref="PythonLinterOptions.CrashRetries"/> times.
/// </summary>
internal sealed class PythonWorkerPool : IAsyncDisposable
{
    private readonly string _linter;
    private readonly PythonLinterOptions _options;
    private readonly Channel<PythonWorker> _idle = Channel.CreateUnbounded<PythonWorker>();
    private readonly List<PythonWorker> _all = [];
    private long _nextId;
    private int _disposed;

    private PythonWorkerPool(string linter, PythonLinterOptions options)
    {
        _linter = linter;
        _options = options;
    }

    /// <summary>The linter version the workers reported.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The process ids of the live workers (for tests).</summary>
    internal IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_all)
            {
                return [.. _all.Select(w => w.ProcessId).Where(id => id > 0)];
            }
        }
    }

    /// <summary>Starts <see cref="PythonLinterOptions.WorkerCount"/> workers and waits until all are ready.</summary>
    public static async Task<PythonWorkerPool> StartAsync(string linter, PythonLinterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pool = new PythonWorkerPool(linter, options);
        try
        {
            var workers = Enumerable.Range(0, options.WorkerCount).Select(_ => pool.NewWorker()).ToList();
            await Task.WhenAll(workers.Select(w => w.StartAsync(cancellationToken))).ConfigureAwait(false);
            pool.Version = workers[0].Version;
            workers.ForEach(w => pool._idle.Writer.TryWrite(w));
            return pool;
        }
        catch
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Lints <paramref name="source"/> (or sends a test-hook <paramref name="debug"/> request) on the
    /// next idle worker. When the worker crashes, the call is retried on the next idle worker (the
    /// crashed one is replaced) up to <see cref="PythonLinterOptions.CrashRetries"/> times.
    /// </summary>
    public async Task<IReadOnlyList<PythonWorkerMessage>> SendAsync(string? source, string? debug, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(source, debug, cancellationToken).ConfigureAwait(false);
            }
            catch (LinterFailedException crash) when (crash.IsWorkerCrash && attempt <= _options.CrashRetries)
            {
                // An infrastructure fault: the crashed worker is already replaced; try again.
            }
            catch (LinterFailedException crash) when (crash.IsWorkerCrash && attempt > 1)
            {
                throw new LinterFailedException(
                    $"The program crashed the {_linter} worker {attempt} times, each time on a fresh or another worker; the last time: {crash.Message}", crash);
            }
        }
    }

    private async Task<IReadOnlyList<PythonWorkerMessage>> SendOnceAsync(string? source, string? debug, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        PythonWorker worker;
        try
        {
            worker = await _idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PythonWorkerPool));
        }

        var keep = false;
        try
        {
            var result = await CallAsync(worker, source, debug, cancellationToken).ConfigureAwait(false);
            keep = worker.Calls < _options.RestartAfterCalls;
            return result;
        }
        finally
        {
            Release(worker, keep);
        }
    }

    /// <summary>Kills every worker.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _idle.Writer.TryComplete();
        lock (_all)
        {
            _all.ForEach(w => w.Dispose());
            _all.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<IReadOnlyList<PythonWorkerMessage>> CallAsync(
        PythonWorker worker, string? source, string? debug, CancellationToken cancellationToken)
    {
        if (!worker.IsReady)
        {
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var id = Interlocked.Increment(ref _nextId);
        var line = await worker.CallAsync(PythonWorkerProtocol.Request(id, source, debug), cancellationToken).ConfigureAwait(false);
        return PythonWorkerProtocol.ParseResponse(line, id, _linter);
    }

    // A healthy worker goes back to the idle channel; any other is killed and a fresh one takes its place.
    private void Release(PythonWorker worker, bool keep)
    {
        if (keep && _idle.Writer.TryWrite(worker))
        {
            return;
        }

        Retire(worker);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var fresh = NewWorker();
        if (!_idle.Writer.TryWrite(fresh))
        {
            Retire(fresh);
        }
    }

    private void Retire(PythonWorker worker)
    {
        lock (_all)
        {
            _all.Remove(worker);
        }

        worker.Dispose();
    }

    private PythonWorker NewWorker()
    {
        var worker = new PythonWorker(_linter, _options);
        lock (_all)
        {
            _all.Add(worker);
        }

        return worker;
    }
}
