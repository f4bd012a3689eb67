namespace DataForge.LintSeq.Linters;

/// <summary>One counted linter message.</summary>
/// <param name="Line">1-based line in the linted program (for a syntax error "on line N", that N).</param>
/// <param name="Column">Column as the linter reports it.</param>
/// <param name="Code">Message id (<c>E0602</c>, <c>UndefinedName</c>, <c>CS0103</c>).</param>
/// <param name="Message">The text.</param>
public sealed record LintMessage(int Line, int Column, string Code, string Message);
