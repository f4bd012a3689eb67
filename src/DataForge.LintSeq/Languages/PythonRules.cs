using DataForge.LintSeq.Diffs;

namespace DataForge.LintSeq.Languages;

/// <summary>
/// The reference's line rules for Python (<c>lintseq_backward_sampling_pythonic</c> with the
/// driver's defaults): blank and comment lines and continuation lines of multi-line UPPERCASE
/// constants are never seeds; indents inherit across lines of at most one non-blank character;
/// weights grow with nesting depth; a line's children are the run of deeper-indented lines after it.
/// </summary>
public sealed class PythonRules : ILanguageRules
{
    /// <inheritdoc/>
    public string Language => "python";

    /// <inheritdoc/>
    public ProgramStructure Analyze(IReadOnlyList<string> lines, double? indentBiasFactor)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var indents = Indents(lines);
        var tabWidth = indents.FirstOrDefault(i => i != 0) is var first and > 0 ? first : (int?)null;
        var candidates = Candidates(lines);
        var weights = new double[lines.Count];
        foreach (var i in candidates)
        {
            weights[i] = indentBiasFactor is not { } factor || indents[i] == 0 ? 1.0 : (double)indents[i] / tabWidth!.Value * factor;
        }

        return new ProgramStructure(candidates, weights, indents, tabWidth, IndentChildren(indents));
    }

    /// <summary>The reference's indent: leading whitespace of lines with more than one non-blank character; others inherit the previous line's.</summary>
    public static int[] Indents(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var indents = new int[lines.Count];
        var previous = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            indents[i] = PyText.Strip(lines[i]).Length > 1 ? PyText.LeadingSpace(lines[i]) : previous;
            previous = indents[i];
        }

        return indents;
    }

    /// <summary>For each line, the maximal run of following lines whose indent is strictly greater.</summary>
    public static IReadOnlyList<int>[] IndentChildren(IReadOnlyList<int> indents)
    {
        ArgumentNullException.ThrowIfNull(indents);
        var children = new IReadOnlyList<int>[indents.Count];
        for (var i = 0; i < indents.Count; i++)
        {
            var run = new List<int>();
            for (var j = i + 1; j < indents.Count && indents[j] > indents[i]; j++)
            {
                run.Add(j);
            }

            children[i] = run;
        }

        return children;
    }

    private static List<int> Candidates(IReadOnlyList<string> lines)
    {
        var kept = new List<int>();
        char? closing = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var stripped = PyText.Strip(lines[i]);
            if (stripped.Length == 0 || stripped[0] == '#')
            {
                continue;
            }

            var right = PyText.RStrip(lines[i]);
            if (closing is { } close)
            {
                // Inside a multi-line UPPERCASE constant: drop up to and including the closing line.
                if (right.EndsWith(close))
                {
                    closing = null;
                }

                continue;
            }

            kept.Add(i);
            if (OpensConstant(lines[i], right) is { } opener)
            {
                closing = opener == '(' ? ')' : ']';
            }
        }

        return kept;
    }

    private static char? OpensConstant(string line, string right)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || right.Length == 0 || right[^1] is not ('(' or '['))
        {
            return null;
        }

        return IsUpper(line[..equals].Replace(" ", "", StringComparison.Ordinal)) ? right[^1] : null;
    }

    // Python's str.isupper: at least one cased character, and no lower-case one.
    private static bool IsUpper(string text)
        => text.Any(char.IsUpper) && !text.Any(char.IsLower);
}
