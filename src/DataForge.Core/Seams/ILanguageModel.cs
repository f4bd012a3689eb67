using DataForge.Core.Records;

namespace DataForge.Core.Seams;

/// <summary>A language model that generates text and scores continuations (backends live in DataForge.Models).</summary>
public interface ILanguageModel
{
    /// <summary>Model id plus weights hash; goes into every cache key and every sample's provenance.</summary>
    string Identity { get; }

    /// <summary>
    /// The most tokens a request may hold (prompt and continuation, or prompt and new tokens), when the
    /// model knows it; null when unknown. A longer request is refused with a
    /// <see cref="ModelRequestRejectedException"/> whose reason is <c>context_too_long</c>, never truncated.
    /// </summary>
    int? ContextLength => null;

    /// <summary>Generates one completion per request, in request order.</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken);

    /// <summary>Per-token log-probabilities of each continuation given its context, in request order.</summary>
    Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken);
}
