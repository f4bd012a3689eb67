using DataForge.Core.Records;

namespace DataForge.Core.Seams;

/// <summary>A language model that generates text and scores continuations (backends live in DataForge.Models).</summary>
public interface ILanguageModel
{
    /// <summary>Model id plus weights hash; goes into every cache key and every sample's provenance.</summary>
    string Identity { get; }

    /// <summary>
    /// The most tokens one sequence may hold, prompt and generated tokens together (a checkpoint's
    /// <c>max_position_embeddings</c>); null when the model does not say.
    /// </summary>
    int? ContextLength => null;

    /// <summary>Generates one completion per request, in request order.</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken);

    /// <summary>Per-token log-probabilities of each continuation given its context, in request order.</summary>
    Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken);
}
