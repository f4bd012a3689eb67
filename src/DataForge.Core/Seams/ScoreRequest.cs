namespace DataForge.Core.Seams;

/// <summary>A scoring request: log-probabilities of <paramref name="Continuation"/> after <paramref name="Context"/>.</summary>
/// <param name="Context">The conditioning text (may be empty).</param>
/// <param name="Continuation">The text whose tokens are scored.</param>
public sealed record ScoreRequest(string Context, string Continuation);
