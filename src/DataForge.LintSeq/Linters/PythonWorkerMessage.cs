namespace DataForge.LintSeq.Linters;

/// <summary>One message as a worker reports it, before the rule set is applied.</summary>
/// <param name="Line">Line the linter reports (1-based).</param>
/// <param name="Column">Column the linter reports.</param>
/// <param name="Code">pylint message id or pyflakes message class name.</param>
/// <param name="Category">pylint's category letter (first letter of the id); empty for pyflakes.</param>
/// <param name="Message">The text.</param>
internal sealed record PythonWorkerMessage(int Line, int Column, string Code, string Category, string Message);
