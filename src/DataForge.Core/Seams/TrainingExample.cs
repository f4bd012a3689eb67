namespace DataForge.Core.Seams;

/// <summary>One training example: the loss is taken over the response tokens only (the prompt is masked out).</summary>
/// <param name="Prompt">Conditioning text (already in the model's chat format when wanted).</param>
/// <param name="Response">The text the model learns to produce.</param>
public sealed record TrainingExample(string Prompt, string Response);
