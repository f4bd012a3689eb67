namespace DataForge.Models.Checkpoints;

/// <summary>One problem of a model folder, located in the file it concerns.</summary>
/// <param name="File">Full path of the file (present or missing).</param>
/// <param name="Line">1-based line; 0 when not tied to a line.</param>
/// <param name="Column">1-based column; 0 when not tied to a column.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ModelFolderProblem(string File, int Line, int Column, string Message);
