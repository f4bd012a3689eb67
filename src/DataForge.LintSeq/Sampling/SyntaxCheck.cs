using DataForge.LintSeq.Linters;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Sampling;

/// <summary>Whether a program parses at all: such programs are rejected as <c>syntax_error</c> rather than sampled.</summary>
internal static class SyntaxCheck
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    /// <summary>The first syntax error, or null. Python: from the full program's lint (pylint E0001, pyflakes SyntaxError); C#: Roslyn's parser.</summary>
    public static string? FirstError(string language, string program, IReadOnlyList<LintMessage> fullLint)
    {
        if (language == "csharp")
        {
            var error = CSharpSyntaxTree.ParseText(program, Options).GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            return error is null ? null : $"line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.Id} {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        var syntax = fullLint.FirstOrDefault(m => m.Code is "E0001" or "SyntaxError");
        return syntax is null ? null : $"line {syntax.Line}: {syntax.Message}";
    }
}
