namespace DataForge.LintSeq.Languages.CSharp;

/// <summary>
/// The reference's indentation bookkeeping (docs/algorithms.md#lintseq: candidate lines and weights), language-neutral:
/// a line's indent is its count of leading whitespace characters (a tab counts 1) when the stripped
/// line has more than one character, otherwise the previous line's indent; the tab width is the
/// first non-zero indent; a candidate weighs 1 at indent 0 (or when the factor is null) and
/// <c>indent / tabWidth × factor</c> otherwise; non-candidates weigh 0.
/// </summary>
internal static class IndentWeights
{
    /// <summary>The inherited indent of every line.</summary>
    public static int[] Indents(IReadOnlyList<string> lines)
    {
        var indents = new int[lines.Count];
        var previous = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var leading = LeadingWhitespace(line);
            var strippedLength = line.Trim().Length;
            indents[i] = strippedLength > 1 ? leading : previous;
            previous = indents[i];
        }

        return indents;
    }

    /// <summary>The first non-zero indent, or null when there is none.</summary>
    public static int? TabWidth(IReadOnlyList<int> indents)
    {
        foreach (var indent in indents)
        {
            if (indent != 0)
            {
                return indent;
            }
        }

        return null;
    }

    /// <summary>Per-line weights for the given candidates.</summary>
    public static double[] Weights(IReadOnlyList<int> indents, IReadOnlyList<int> candidates, int? tabWidth, double? factor)
    {
        var weights = new double[indents.Count];
        foreach (var line in candidates)
        {
            var indent = indents[line];
            weights[line] = factor is null || indent == 0 || tabWidth is null
                ? 1.0
                : (double)indent / tabWidth.Value * factor.Value;
        }

        return weights;
    }

    /// <summary>Count of leading whitespace characters (Python's <c>len(s) - len(s.lstrip())</c>).</summary>
    public static int LeadingWhitespace(string line)
    {
        var count = 0;
        while (count < line.Length && char.IsWhiteSpace(line[count]))
        {
            count++;
        }

        return count;
    }
}
