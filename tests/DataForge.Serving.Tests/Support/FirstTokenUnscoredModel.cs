using DataForge.Core.Seams;

namespace DataForge.Serving.Tests.Support;

/// <summary>Like a tokenizer without a BOS token: with an empty context the first token is not scored but left in the unscored prefix.</summary>
public sealed class FirstTokenUnscoredModel(ILanguageModel inner) : ILanguageModel
{
    public string Identity => inner.Identity;

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
        => inner.GenerateAsync(requests, cancellationToken);

    public async Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        var scores = await inner.ScoreAsync(requests, cancellationToken);
        return [.. requests.Select((r, i) => r.Context.Length == 0 && scores[i].Tokens.Count > 0
            ? new ScoreResult(scores[i].Tokens.Skip(1).ToList(), scores[i].Tokens[0].Text)
            : scores[i])];
    }
}
