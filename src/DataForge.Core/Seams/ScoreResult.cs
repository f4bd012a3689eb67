namespace DataForge.Core.Seams;

/// <summary>
/// The scored tokens of one continuation. Every continuation token that has something before it is
/// scored: all of them when the context is not empty or the tokenizer starts each text with a BOS
/// token; all but the first otherwise (that one is left in <see cref="UnscoredPrefix"/>).
/// </summary>
/// <param name="Tokens">Scored tokens in order.</param>
/// <param name="UnscoredPrefix">Continuation text before the first scored token (usually empty).</param>
/// <param name="ContextTokens">Tokens the model saw before the continuation (a BOS token included); null when the backend does not say.</param>
public sealed record ScoreResult(IReadOnlyList<ScoredToken> Tokens, string UnscoredPrefix = "", int? ContextTokens = null)
{
    /// <summary>Sum of the tokens' log-probabilities.</summary>
    public double SumLogProb => Tokens.Sum(t => t.LogProb);

    /// <summary>Mean negative log-likelihood per scored token (the mean cross-entropy loss); NaN when no token is scored.</summary>
    public double MeanLoss => Tokens.Count == 0 ? double.NaN : -SumLogProb / Tokens.Count;
}
