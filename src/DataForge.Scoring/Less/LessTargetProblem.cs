namespace DataForge.Scoring.Less;

/// <summary>A line of a target file that cannot be used.</summary>
/// <param name="Line">1-based line (0: the file as a whole).</param>
/// <param name="Message">What is wrong.</param>
public sealed record LessTargetProblem(int Line, string Message);
