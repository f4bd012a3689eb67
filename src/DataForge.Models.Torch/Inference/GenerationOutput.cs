namespace DataForge.Models.Torch.Inference;

/// <summary>The tokens generated for one sequence.</summary>
/// <param name="Tokens">New token ids (a stop token is not included).</param>
/// <param name="FinishReason"><c>stop</c> (a stop token or string) or <c>length</c>.</param>
/// <param name="LogProbs">Each new token's log-probability under the model's raw logits (before temperature and truncation), when the backend reports them.</param>
public sealed record GenerationOutput(IReadOnlyList<int> Tokens, string FinishReason, IReadOnlyList<double>? LogProbs = null);
