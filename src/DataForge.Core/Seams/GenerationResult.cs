namespace DataForge.Core.Seams;

/// <summary>A finished generation.</summary>
/// <param name="Text">The generated text.</param>
/// <param name="FinishReason"><c>stop</c> or <c>length</c>.</param>
/// <param name="PromptTokens">Tokens in the prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
public sealed record GenerationResult(string Text, string FinishReason, int PromptTokens, int CompletionTokens);
