using System.Globalization;

namespace DataForge.Core.Diagnostics;

/// <summary>A located problem in a configuration file, printed as <c>FILE(LINE,COL): error DFnnnn: message</c>.</summary>
/// <param name="Code">The stable code, e.g. <c>DF1003</c>.</param>
/// <param name="File">The file as the user named it (relative where possible).</param>
/// <param name="Line">1-based line; 0 when not tied to a line.</param>
/// <param name="Column">1-based column; 0 when not tied to a column.</param>
/// <param name="Message">What is wrong, and what to do.</param>
/// <param name="IsWarning">True for warnings (printed, but do not stop the run).</param>
public sealed record Diagnostic(string Code, string File, int Line, int Column, string Message, bool IsWarning = false)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var severity = IsWarning ? "warning" : "error";
        return Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): {severity} {Code}: {Message}")
            : $"{File}: {severity} {Code}: {Message}";
    }
}
