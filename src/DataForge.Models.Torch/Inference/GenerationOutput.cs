namespace DataForge.Models.Torch.Inference;

/// <summary>The tokens generated for one sequence.</summary>
/// <param name="Tokens">New token ids (a stop token is not included).</param>
/// <param name="FinishReason"><c>stop</c> (a stop token or string) or <c>length</c>.</param>
public sealed record GenerationOutput(IReadOnlyList<int> Tokens, string FinishReason);
