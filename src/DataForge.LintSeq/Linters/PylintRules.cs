using System.Globalization;

namespace DataForge.LintSeq.Linters;

/// <summary>The reference LintSeq rule set for pylint (docs/algorithms.md#lintseq).</summary>
internal static class PylintRules
{
    /// <summary>The options' <c>--enable</c> list, also the rule part of <see cref="ILinter.RuleSet"/>.</summary>
    public const string Enabled = "E,F,W0311,W0231";

    /// <summary>Keeps the counted messages (every E and F, W0311 and W0231), fixes E0001 lines, sorts.</summary>
    public static IReadOnlyList<LintMessage> Apply(IReadOnlyList<PythonWorkerMessage> messages) =>
        [.. messages
            .Where(Counts)
            .Select(m => new LintMessage(LineOf(m), m.Column, m.Code, m.Message))
            .OrderBy(m => m.Line)
            .ThenBy(m => m.Column)
            .ThenBy(m => m.Code, StringComparer.Ordinal)
            .ThenBy(m => m.Message, StringComparer.Ordinal)];

    /// <summary>True for a message the reference treats as an error.</summary>
    public static bool Counts(PythonWorkerMessage message) =>
        message.Category is "E" or "F" || message.Code is "W0311" or "W0231";

    /// <summary>
    /// The message's line; for an <c>E0001</c> whose text says "on line N", that N (the last token
    /// before the final <c>(</c>, as the reference parses it). When that token is not a number the
    /// reported line is kept (the reference would drop the whole sample).
    /// </summary>
    public static int LineOf(PythonWorkerMessage message)
    {
        if (message.Code != "E0001" || !message.Message.Contains("on line", StringComparison.Ordinal))
        {
            return message.Line;
        }

        var paren = message.Message.LastIndexOf('(');
        var head = paren < 0 ? message.Message : message.Message[..paren];
        var tokens = head.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 0 && int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? line
            : message.Line;
    }
}
