using DataForge.Core.Seams;

namespace DataForge.Core.Work;

/// <summary>
/// Counters of the work a run did: requests made to its models (with the tokens they carried) and
/// linter checks actually run. One instance per run, shared by the model catalog and the steps; safe
/// to add to from many threads.
/// </summary>
public sealed class WorkCounters
{
    private long _generationRequests, _scoreRequests, _modelCacheHits, _promptTokens, _generatedTokens, _scoredTokens, _lintChecks;

    /// <summary>Counts generation requests that were answered, with their prompt and generated tokens.</summary>
    public void AddGenerations(IReadOnlyList<GenerationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Interlocked.Add(ref _generationRequests, results.Count);
        Interlocked.Add(ref _promptTokens, results.Sum(r => (long)r.PromptTokens));
        Interlocked.Add(ref _generatedTokens, results.Sum(r => (long)r.CompletionTokens));
    }

    /// <summary>Counts scoring requests that were answered, with their scored tokens and (where the backend says) context tokens.</summary>
    public void AddScores(IReadOnlyList<ScoreResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Interlocked.Add(ref _scoreRequests, results.Count);
        Interlocked.Add(ref _promptTokens, results.Sum(r => (long)(r.ContextTokens ?? 0)));
        Interlocked.Add(ref _scoredTokens, results.Sum(r => (long)r.Tokens.Count));
    }

    /// <summary>Counts one model request answered from the run store's request cache instead of the model.</summary>
    public void AddModelCacheHit() => Interlocked.Increment(ref _modelCacheHits);

    /// <summary>Counts one program checked by a linter (a cache or memo hit is no check).</summary>
    public void AddLintCheck() => Interlocked.Increment(ref _lintChecks);

    /// <summary>The totals so far.</summary>
    public WorkTotals Snapshot()
    {
        var generations = Interlocked.Read(ref _generationRequests);
        var scores = Interlocked.Read(ref _scoreRequests);
        return new WorkTotals(
            generations + scores,
            Interlocked.Read(ref _modelCacheHits),
            generations,
            scores,
            Interlocked.Read(ref _promptTokens),
            Interlocked.Read(ref _generatedTokens),
            Interlocked.Read(ref _scoredTokens),
            Interlocked.Read(ref _lintChecks));
    }
}
