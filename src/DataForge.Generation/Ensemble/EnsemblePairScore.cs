namespace DataForge.Generation.Ensemble;

/// <summary>The Rouge-L F of two candidates' normalized outputs (symmetric).</summary>
/// <param name="First">Index of the first candidate (the smaller index).</param>
/// <param name="Second">Index of the second candidate.</param>
/// <param name="F">Rouge-L F-measure, 0..1.</param>
public sealed record EnsemblePairScore(int First, int Second, double F);
