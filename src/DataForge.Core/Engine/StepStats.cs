using System.Collections.Immutable;
using System.Collections.Concurrent;
using System.Diagnostics;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>Live counters of one step; safe to read from another thread while the run goes on.</summary>
public sealed class StepStats
{
    private readonly ConcurrentDictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private readonly List<ImmutableSortedDictionary<string, double>> _scoresBefore = [];
    private readonly List<ImmutableSortedDictionary<string, double>> _scoresAfter = [];
    private long _in, _out, _errors, _computed, _cacheHits;
    private int _started;
    private StepProgress? _progress;

    /// <summary>Creates the counters of a step.</summary>
    public StepStats(string step) => Step = step;

    /// <summary>The step's name.</summary>
    public string Step { get; }

    /// <summary>Records received.</summary>
    public long In => Interlocked.Read(ref _in);

    /// <summary>Records emitted (kept).</summary>
    public long Out => Interlocked.Read(ref _out);

    /// <summary>Rejects that were errors (bad input, linter or model failures).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Records whose result was computed in this run.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>Records whose result came from the run store.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>
    /// Wall time the step was active: a source from the run's start, a record step or the sink from its
    /// first record, a barrier from the moment its input was complete; to the step's end in each case.
    /// </summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The step's latest progress report (<see cref="StepContext.Progress"/>), or null when it gave none.</summary>
    public StepProgress? Progress => Volatile.Read(ref _progress);

    /// <summary>Keeps the step's latest progress report.</summary>
    public void ReportProgress(StepProgress progress) => Volatile.Write(ref _progress, progress);

    /// <summary>True once the step has finished.</summary>
    public bool Completed { get; private set; }

    /// <summary>Drops per reason, sorted by reason.</summary>
    public IReadOnlyDictionary<string, long> Dropped => new SortedDictionary<string, long>(_dropped, StringComparer.Ordinal);

    /// <summary>Selection steps: the scores of every record the step decided on (empty for other steps).</summary>
    public IReadOnlyList<ImmutableSortedDictionary<string, double>> ScoresBefore
    {
        get
        {
            lock (_scoresBefore)
            {
                return [.. _scoresBefore];
            }
        }
    }

    /// <summary>Selection steps: the scores of every record the step kept.</summary>
    public IReadOnlyList<ImmutableSortedDictionary<string, double>> ScoresAfter
    {
        get
        {
            lock (_scoresBefore)
            {
                return [.. _scoresAfter];
            }
        }
    }

    internal void RecordScores(ImmutableSortedDictionary<string, double> scores, bool kept)
    {
        lock (_scoresBefore)
        {
            _scoresBefore.Add(scores);
            if (kept)
            {
                _scoresAfter.Add(scores);
            }
        }
    }

    // Idempotent and thread-safe: record steps start the clock on whichever record arrives first.
    internal void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _clock.Start();
        }
    }

    internal void Finish()
    {
        _clock.Stop();
        Completed = true;
    }

    internal void Received() => Interlocked.Increment(ref _in);

    internal void Received(long records) => Interlocked.Add(ref _in, records);

    internal void Emitted() => Interlocked.Increment(ref _out);

    internal void Emitted(long records) => Interlocked.Add(ref _out, records);

    internal void CountComputed(long records = 1) => Interlocked.Add(ref _computed, records);

    internal void CountCacheHit(long records = 1) => Interlocked.Add(ref _cacheHits, records);

    internal void Dropping(string reason, bool isError)
    {
        _dropped.AddOrUpdate(reason, 1, (_, n) => n + 1);
        if (isError)
        {
            Interlocked.Increment(ref _errors);
        }
    }
}
