namespace DataForge.LintSeq.Sampling;

/// <summary>The deletion fix-point started from one seed line.</summary>
/// <param name="Deleted">Every line the round deletes.</param>
/// <param name="LintCalls">Linter runs needed; the last one lints clean.</param>
public sealed record Closure(IReadOnlySet<int> Deleted, int LintCalls);
