using System.Text.RegularExpressions;

namespace DataForge.Core.Quality;

/// <summary>
/// Whether an answer ends mid-sentence, as a generation cut at its token limit does. Instruction
/// answers legitimately end in list items, table rows, code blocks, signatures and one-word labels
/// without a full stop, so an unpunctuated end counts only on a long prose line.
/// </summary>
public static partial class Truncation
{
    /// <summary>Prose lines of at least this many words must end in punctuation.</summary>
    public const int LongLineWords = 6;

    /// <summary>
    /// True when the answer ends inside a code fence (an odd number of <c>```</c>); when its last
    /// line (a closing fence aside) leaves a bracket, <c>**</c> or an inline code span open, or ends in
    /// a connector (<c>, ; : ( [ { - – — + = / \ &amp; &lt;</c>, or <c>|</c> outside a table row); or
    /// when that line is prose (not a list item, table row, heading or quote) of at least
    /// <see cref="LongLineWords"/> words ending in a letter or digit.
    /// </summary>
    public static bool EndsMidSentence(string? answer)
    {
        var text = answer?.TrimEnd() ?? string.Empty;
        if (text.Length == 0)
        {
            return false;
        }

        if (Fences().Count(text) % 2 == 1)
        {
            return true;
        }

        var last = text[(text.LastIndexOf('\n') + 1)..].Trim();
        if (last.StartsWith("```", StringComparison.Ordinal))
        {
            return false; // a closed code block
        }

        if (Count(last, '(') > Count(last, ')') || Count(last, '[') > Count(last, ']') || Count(last, '{') > Count(last, '}')
            || Bold().Count(last) % 2 == 1 || Count(last, '`') % 2 == 1)
        {
            return true;
        }

        var end = last[^1];
        if (end is ',' or ';' or ':' or '(' or '[' or '{' or '-' or '–' or '—' or '+' or '=' or '/' or '\\' or '&' or '<')
        {
            return true;
        }

        if (end == '|')
        {
            return !last.StartsWith('|');
        }

        var structured = ListItem().IsMatch(last) || last[0] is '|' or '#' or '>';
        return char.IsLetterOrDigit(end) && !structured && QualityText.Words(last).Length >= LongLineWords;
    }

    private static int Count(string text, char c) => text.Count(x => x == c);

    [GeneratedRegex(@"```")]
    private static partial Regex Fences();

    [GeneratedRegex(@"\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"^(?:[-*+•]|\d+[.)]|[a-zA-Z][.)]|\[[ xX]\])\s")]
    private static partial Regex ListItem();
}
