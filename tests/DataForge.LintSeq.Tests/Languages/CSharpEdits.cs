using DataForge.LintSeq.Languages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Tests.Languages;

/// <summary>Deletes a line with its children and parses what is left, for the C# rules tests.</summary>
internal static class CSharpEdits
{
    public static string Delete(string[] lines, int line, ProgramStructure structure)
    {
        var deleted = new HashSet<int>(structure.Children[line]) { line };
        return string.Join('\n', lines.Where((_, i) => !deleted.Contains(i)));
    }

    public static List<Diagnostic> ParseErrors(string program) =>
        [.. CSharpSyntaxTree.ParseText(program).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
}
