namespace DataForge.Core.Work;

/// <summary>The work a run did (the <c>work</c> object of <c>manifest.json</c>).</summary>
/// <param name="ModelRequests">Generation and scoring requests the steps made to the run's models (each request of a batch counts one).</param>
/// <param name="ModelCacheHits">Of those, the requests a model answered from the run store's request cache (remote models) without computing or sending them.</param>
/// <param name="GenerationRequests">Generation requests.</param>
/// <param name="ScoreRequests">Scoring requests.</param>
/// <param name="PromptTokens">Prompt tokens of the generation requests plus the context tokens of the scoring requests whose backend reports them.</param>
/// <param name="GeneratedTokens">Tokens generated.</param>
/// <param name="ScoredTokens">Continuation tokens scored.</param>
/// <param name="LintChecks">Programs a linter (pylint, pyflakes or Roslyn) actually checked; answers from the run store or from the per-record memo are not counted.</param>
public sealed record WorkTotals(
    long ModelRequests,
    long ModelCacheHits,
    long GenerationRequests,
    long ScoreRequests,
    long PromptTokens,
    long GeneratedTokens,
    long ScoredTokens,
    long LintChecks)
{
    /// <summary>These counts and <paramref name="other"/>'s added up (a merge's own work and its partitions').</summary>
    public WorkTotals Plus(WorkTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new WorkTotals(ModelRequests + other.ModelRequests, ModelCacheHits + other.ModelCacheHits, GenerationRequests + other.GenerationRequests,
            ScoreRequests + other.ScoreRequests, PromptTokens + other.PromptTokens, GeneratedTokens + other.GeneratedTokens, ScoredTokens + other.ScoredTokens, LintChecks + other.LintChecks);
    }
}
