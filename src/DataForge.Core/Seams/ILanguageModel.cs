using DataForge.Core.Records;

namespace DataForge.Core.Seams;

/// <summary>A language model that generates text and scores continuations (backends live in DataForge.Models).</summary>
public interface ILanguageModel
{
    /// <summary>Model id plus weights hash; goes into every cache key and every sample's provenance.</summary>
    string Identity { get; }

    /// <summary>Generates one completion per request, in request order.</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken);

    /// <summary>Per-token log-probabilities of each continuation given its context, in request order.</summary>
    Task<IReadOnlyList<IReadOnlyList<double>>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken);
}

/// <summary>One generation request: chat messages or a raw prompt, and sampling parameters.</summary>
/// <param name="Messages">Chat messages; null when <paramref name="Prompt"/> is given.</param>
/// <param name="Prompt">A raw prompt; null when <paramref name="Messages"/> is given.</param>
/// <param name="MaxTokens">Most new tokens.</param>
/// <param name="Temperature">Sampling temperature; 0 is greedy.</param>
/// <param name="TopP">Nucleus mass.</param>
/// <param name="TopK">Top-k cut; 0 for none.</param>
/// <param name="Stop">Stop strings.</param>
/// <param name="Seed">Sampling seed, derived from (run seed, record id, step).</param>
public sealed record GenerationRequest(
    IReadOnlyList<ChatMessage>? Messages,
    string? Prompt,
    int MaxTokens,
    double Temperature,
    double TopP,
    int TopK,
    IReadOnlyList<string> Stop,
    ulong Seed);

/// <summary>A finished generation.</summary>
/// <param name="Text">The generated text.</param>
/// <param name="FinishReason"><c>stop</c> or <c>length</c>.</param>
/// <param name="PromptTokens">Tokens in the prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
public sealed record GenerationResult(string Text, string FinishReason, int PromptTokens, int CompletionTokens);

/// <summary>A scoring request: log-probabilities of <paramref name="Continuation"/> after <paramref name="Context"/>.</summary>
/// <param name="Context">The conditioning text (may be empty).</param>
/// <param name="Continuation">The text whose tokens are scored.</param>
public sealed record ScoreRequest(string Context, string Continuation);
