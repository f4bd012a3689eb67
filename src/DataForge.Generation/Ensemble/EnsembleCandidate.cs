namespace DataForge.Generation.Ensemble;

/// <summary>One candidate output in an ensemble vote, with the identity of the model that wrote it.</summary>
/// <param name="Model">The model identity (or a label such as <c>input</c> when unknown).</param>
/// <param name="Output">The raw output text.</param>
public sealed record EnsembleCandidate(string Model, string Output);
