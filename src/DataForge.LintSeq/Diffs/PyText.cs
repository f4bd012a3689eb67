namespace DataForge.LintSeq.Diffs;

/// <summary>Python's <c>str.isspace</c>, <c>str.strip</c> and <c>str.splitlines</c>, which the reference's diffs are built on.</summary>
internal static class PyText
{
    /// <summary>Python's <c>str.isspace</c> for one character (which, unlike .NET, counts U+001C..U+001F).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary><c>s.strip()</c>.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary><c>s.lstrip()</c> length difference: the count of leading whitespace characters.</summary>
    public static int LeadingSpace(string text)
    {
        var n = 0;
        while (n < text.Length && IsSpace(text[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary><c>s.rstrip()</c>.</summary>
    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    /// <summary><c>s.splitlines()</c>: splits on every Python line boundary; a final boundary adds no empty line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsLineBoundary(c))
            {
                i++;
                continue;
            }

            lines.Add(text[start..i]);
            i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            start = i;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static bool IsLineBoundary(char c)
        => c is '\n' or '\r' or '\v' or '\f' or '\u001c' or '\u001d' or '\u001e' or '\u0085' or '\u2028' or '\u2029';
}
