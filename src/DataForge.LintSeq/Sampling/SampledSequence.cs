namespace DataForge.LintSeq.Sampling;

/// <summary>One backward-sampling run: the deletion sets in deletion order.</summary>
/// <param name="Deletions">Each round's deletion set (original 0-based line indices).</param>
/// <param name="LintCalls">Linter runs the sequence needed.</param>
/// <param name="ReachedRoundCap">True when <see cref="LintSeqOptions.MaxRounds"/> stopped it early.</param>
public sealed record SampledSequence(IReadOnlyList<IReadOnlySet<int>> Deletions, int LintCalls, bool ReachedRoundCap);
