namespace DataForge.Models.Torch.Inference;

/// <summary>One sequence to continue.</summary>
/// <param name="Prompt">Prompt token ids.</param>
/// <param name="MaxNewTokens">Most tokens to add.</param>
/// <param name="Sampling">How tokens are picked.</param>
/// <param name="StopWhen">Called with the ids generated so far; true ends the sequence (stop strings). May be null.</param>
public sealed record GenerationInput(IReadOnlyList<int> Prompt, int MaxNewTokens, SamplingSettings Sampling, Func<IReadOnlyList<int>, bool>? StopWhen = null);
