using System.Text;
using System.Text.RegularExpressions;

namespace DataForge.Storage.Readers.Code;

/// <summary>
/// The docstring of a Python program: the module's (a string literal as its first statement), else
/// that of the first class or function that has one; cleaned like <c>inspect.cleandoc</c> (common
/// indentation and blank first and last lines removed). Found by a scan of the text, not a parse:
/// string prefixes <c>r</c> / <c>u</c>, single and triple quotes and the usual escapes are understood.
/// </summary>
internal static partial class PythonDocstring
{
    /// <summary>The docstring, or null when there is none (or it is blank).</summary>
    public static string? Of(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (Literal(program, SkipTrivia(program, 0)) is { } module)
        {
            return module;
        }

        foreach (Match definition in Definition().Matches(program))
        {
            var colon = HeaderEnd(program, definition.Index + definition.Length);
            if (colon >= 0 && Literal(program, SkipTrivia(program, colon + 1)) is { } docstring)
            {
                return docstring;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+\w+", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Definition();

    // A string literal standing alone as a statement at `at`, cleaned; null when there is none.
    private static string? Literal(string text, int at)
    {
        var raw = false;
        if (at < text.Length && text[at] is 'r' or 'R' or 'u' or 'U')
        {
            raw = text[at] is 'r' or 'R';
            at++;
        }

        if (at >= text.Length || text[at] is not ('"' or '\''))
        {
            return null;
        }

        var triple = at + 2 < text.Length && text[at + 1] == text[at] && text[at + 2] == text[at];
        var quote = triple ? new string(text[at], 3) : text[at].ToString();
        var start = at + quote.Length;
        var end = start;
        while (end < text.Length && !text.AsSpan(end).StartsWith(quote, StringComparison.Ordinal))
        {
            if (!triple && text[end] == '\n')
            {
                return null;
            }

            end += text[end] == '\\' ? 2 : 1;
        }

        if (end >= text.Length || !StandsAlone(text, end + quote.Length))
        {
            return null;
        }

        var body = raw ? text[start..end] : Unescape(text[start..end]);
        var cleaned = Clean(body);
        return cleaned.Length == 0 ? null : cleaned;
    }

    // After the literal only blanks, a comment, ';' or the line's end: the string is the whole statement.
    private static bool StandsAlone(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at >= text.Length || text[at] is '\n' or '\r' or '#' or ';';
    }

    // The ':' that ends a def or class header, outside brackets, strings and comments; -1 when none.
    private static int HeaderEnd(string text, int at)
    {
        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '#':
                    i = LineEnd(text, i) - 1;
                    break;
                case '"' or '\'':
                    var close = text.IndexOf(text[i], i + 1);
                    i = close < 0 ? text.Length : close;
                    break;
                case ':' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private static int SkipTrivia(string text, int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (text[at] == '#')
            {
                at = LineEnd(text, at);
            }
            else if (text[at] == '\\' && at + 1 < text.Length && text[at + 1] == '\n')
            {
                at += 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    private static int LineEnd(string text, int at)
    {
        var end = text.IndexOf('\n', at);
        return end < 0 ? text.Length : end;
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var next = text[++i];
            _ = next switch
            {
                '\n' => result,
                'n' => result.Append('\n'),
                't' => result.Append('\t'),
                '\\' or '\'' or '"' => result.Append(next),
                _ => result.Append('\\').Append(next),
            };
        }

        return result.ToString();
    }

    // inspect.cleandoc: the first line loses its leading blanks, the others their common indentation.
    private static string Clean(string docstring)
    {
        var lines = docstring.Replace("\t", "        ", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        var margin = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        lines[0] = lines[0].TrimStart();
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i] = lines[i].Length >= margin ? lines[i][margin..] : string.Empty;
        }

        return string.Join('\n', lines).Trim('\n', ' ');
    }
}
