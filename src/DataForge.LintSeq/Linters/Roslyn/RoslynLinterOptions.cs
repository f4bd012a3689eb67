using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Linters.Roslyn;

/// <summary>Settings of <see cref="RoslynLinter"/>.</summary>
public sealed record RoslynLinterOptions
{
    /// <summary>
    /// Diagnostic ids (<c>CS0168</c>, …) whose errors are not counted. Empty by default: an ignore list
    /// that lets broken code through would make "every intermediate state compiles" meaningless.
    /// </summary>
    public IReadOnlyCollection<string> IgnoredDiagnosticIds { get; init; } = [];

    /// <summary>The C# language version programs are parsed and compiled with; <see cref="LanguageVersion.Latest"/> by default.</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;
}
