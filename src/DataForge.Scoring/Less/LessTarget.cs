namespace DataForge.Scoring.Less;

/// <summary>One example of the capability a LESS selection aims at.</summary>
/// <param name="Instruction">The task.</param>
/// <param name="Input">Optional input the task works on.</param>
/// <param name="Output">The answer the loss is taken over.</param>
/// <param name="Subtask">The group it belongs to (scores take the mean within a group, then the best group).</param>
/// <param name="Line">Its 1-based line in the target file (0 when not read from a file).</param>
public sealed record LessTarget(string Instruction, string? Input, string Output, string Subtask, int Line = 0);
