using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace DataForge.LintSeq.Linters;

/// <summary>Which pyflakes messages mean the program cannot run as written (see <see cref="PyflakesLinter"/>).</summary>
internal static class PyflakesRules
{
    /// <summary>The counted message classes, sorted ordinally.</summary>
    public static readonly IReadOnlyList<string> Counted =
    [
        "BreakOutsideLoop",
        "ContinueOutsideLoop",
        "DefaultExceptNotLast",
        "DuplicateArgument",
        "FutureFeatureNotDefined",
        "ImportStarNotPermitted",
        "InvalidPrintSyntax",
        "LateFutureImport",
        "PercentFormatExpectedMapping",
        "PercentFormatExpectedSequence",
        "PercentFormatInvalidFormat",
        "PercentFormatMissingArgument",
        "PercentFormatMixedPositionalAndNamed",
        "PercentFormatPositionalCountMismatch",
        "PercentFormatStarRequiresSequence",
        "PercentFormatUnsupportedFormatCharacter",
        "RaiseNotImplemented",
        "ReturnOutsideFunction",
        "StringDotFormatInvalidFormat",
        "StringDotFormatMissingArgument",
        "StringDotFormatMixingAutomatic",
        "SyntaxError",
        "TooManyExpressionsInStarredAssignment",
        "TwoStarredExpressions",
        "UndefinedExport",
        "UndefinedLocal",
        "UndefinedName",
        "YieldOutsideFunction",
    ];

    private static readonly FrozenSet<string> CountedSet = Counted.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Short stable id of <see cref="Counted"/>: 12 hex digits of the SHA-256 of the comma-joined names.</summary>
    public static string Fingerprint { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', Counted))))[..12];

    /// <summary>Keeps the counted messages, sorted by position.</summary>
    public static IReadOnlyList<LintMessage> Apply(IReadOnlyList<PythonWorkerMessage> messages) =>
        [.. messages
            .Where(m => CountedSet.Contains(m.Code))
            .Select(m => new LintMessage(m.Line, m.Column, m.Code, m.Message))
            .OrderBy(m => m.Line)
            .ThenBy(m => m.Column)
            .ThenBy(m => m.Code, StringComparer.Ordinal)
            .ThenBy(m => m.Message, StringComparer.Ordinal)];
}
