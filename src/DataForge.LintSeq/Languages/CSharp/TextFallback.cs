namespace DataForge.LintSeq.Languages.CSharp;

/// <summary>
/// Line rules for a C# program that does not parse: candidates from the text alone, and children by
/// indentation (the Python reference rule: the run of following lines with a strictly greater
/// inherited indent) joined with brace counting (a line that opens more braces than it closes takes
/// the lines up to the matching close, and a lone <c>{</c> right after the line or its run takes
/// its block up to the matching <c>}</c>; an unmatched brace runs to the end of the program).
/// </summary>
internal static class TextFallback
{
    /// <summary>Lines with code: not blank, not comment-only (<c>//</c>, <c>/*</c>, <c>*</c>), not a preprocessor directive, not a lone brace.</summary>
    public static List<int> Candidates(IReadOnlyList<string> lines)
    {
        var candidates = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || IsCommentOrDirective(trimmed) || IsLoneBrace(trimmed))
            {
                continue;
            }

            candidates.Add(i);
        }

        return candidates;
    }

    /// <summary>Children of every line by indentation and brace counting.</summary>
    public static IReadOnlyList<int>[] Children(IReadOnlyList<string> lines, IReadOnlyList<int> indents)
    {
        var balance = lines.Select(BraceBalance).ToArray();
        var children = new IReadOnlyList<int>[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            children[i] = ChildrenOf(i, lines, indents, balance);
        }

        return children;
    }

    private static List<int> ChildrenOf(int line, IReadOnlyList<string> lines, IReadOnlyList<int> indents, int[] balance)
    {
        var end = line;
        while (end + 1 < lines.Count && indents[end + 1] > indents[line])
        {
            end++;
        }

        end = Math.Max(end, MatchingClose(line, balance));
        if (end + 1 < lines.Count && IsLoneBrace(lines[end + 1].Trim()) && balance[end + 1] > 0)
        {
            end = MatchingClose(end + 1, balance);
        }

        return [.. Enumerable.Range(line + 1, end - line)];
    }

    /// <summary>The line where the braces opened on <paramref name="line"/> close (the line itself when it opens none).</summary>
    private static int MatchingClose(int line, int[] balance)
    {
        var open = balance[line];
        var end = line;
        while (open > 0 && end + 1 < balance.Length)
        {
            end++;
            open += balance[end];
        }

        return end;
    }

    /// <summary>Opened minus closed braces on a line, outside <c>//</c> comments and string/char literals.</summary>
    private static int BraceBalance(string line)
    {
        var balance = 0;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                break;
            }
            else if (c == '{')
            {
                balance++;
            }
            else if (c == '}')
            {
                balance--;
            }
        }

        return balance;
    }

    private static bool IsCommentOrDirective(string trimmed) =>
        trimmed.StartsWith("//", StringComparison.Ordinal)
        || trimmed.StartsWith("/*", StringComparison.Ordinal)
        || trimmed.StartsWith('*')
        || trimmed.StartsWith('#');

    /// <summary>A lone <c>{</c> or <c>}</c>, optionally followed by a <c>//</c> comment.</summary>
    public static bool IsLoneBrace(string trimmed)
    {
        var comment = trimmed.IndexOf("//", StringComparison.Ordinal);
        var code = comment >= 0 ? trimmed[..comment].TrimEnd() : trimmed;
        return code is "{" or "}";
    }
}
