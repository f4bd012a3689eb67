namespace DataForge.Serving.Internal;

/// <summary>One answered prompt of a <c>/v1/completions</c> request.</summary>
internal sealed record CompletionChoice(string Text, string FinishReason, LogProbList? LogProbs, int PromptTokens, int CompletionTokens);
