using System.Text;

namespace DataForge.LintSeq.Diffs;

/// <summary>
/// The reference's <c>get_diff(a, b)</c>: <c>difflib.unified_diff(a.strip().splitlines(),
/// b.strip().splitlines(), n=0, lineterm="")</c> without the two file-header lines, joined with "\n" —
/// with one deliberate difference: only whole blank lines are trimmed at the ends, not the
/// indentation of the first line or the trailing spaces of the last. The reference's <c>strip()</c>
/// makes a line that ends one state and sits inside the next differ from itself, which yields a
/// replace hunk (not an insertion) and loses indentation; whenever the first and last lines carry no
/// such whitespace, which is almost always, both give the same diff.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>The diff that turns program <paramref name="before"/> into <paramref name="after"/> ("" when they are equal after stripping).</summary>
    public static string Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var lines = new List<string>();
        foreach (var group in GroupedOpcodes(new SequenceMatcher(a, b).GetOpcodes()))
        {
            var (first, last) = (group[0], group[^1]);
            lines.Add($"@@ -{Range(first.I1, last.I2)} +{Range(first.J1, last.J2)} @@");
            foreach (var (tag, i1, i2, j1, j2) in group)
            {
                if (tag is "replace" or "delete")
                {
                    lines.AddRange(a.Skip(i1).Take(i2 - i1).Select(l => "-" + l));
                }

                if (tag is "replace" or "insert")
                {
                    lines.AddRange(b.Skip(j1).Take(j2 - j1).Select(l => "+" + l));
                }
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>The lines a diff compares: <c>splitlines()</c> of the text, without blank lines at either end.</summary>
    public static List<string> Lines(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var lines = PyText.SplitLines(program);
        var start = lines.FindIndex(l => PyText.Strip(l).Length > 0);
        if (start < 0)
        {
            return [];
        }

        var end = lines.FindLastIndex(l => PyText.Strip(l).Length > 0);
        return lines.GetRange(start, end - start + 1);
    }

    // get_grouped_opcodes(n=0): every change becomes its own group, framed by empty "equal" ranges.
    private static List<List<(string Tag, int I1, int I2, int J1, int J2)>> GroupedOpcodes(List<(string Tag, int I1, int I2, int J1, int J2)> codes)
    {
        if (codes.Count == 0)
        {
            codes = [("equal", 0, 1, 0, 1)];
        }

        if (codes[0].Tag == "equal")
        {
            var (tag, _, i2, _, j2) = codes[0];
            codes[0] = (tag, i2, i2, j2, j2);
        }

        if (codes[^1].Tag == "equal")
        {
            var (tag, i1, _, j1, _) = codes[^1];
            codes[^1] = (tag, i1, i1, j1, j1);
        }

        var groups = new List<List<(string, int, int, int, int)>>();
        var group = new List<(string, int, int, int, int)>();
        foreach (var (tag, i1, i2, j1, j2) in codes)
        {
            var (a1, b1) = (i1, j1);
            if (tag == "equal" && i2 - i1 > 0)
            {
                group.Add((tag, i1, i1, j1, j1));
                groups.Add(group);
                group = [];
                (a1, b1) = (i2, j2);
            }

            group.Add((tag, a1, i2, b1, j2));
        }

        if (group.Count > 0 && !(group.Count == 1 && group[0].Item1 == "equal"))
        {
            groups.Add(group);
        }

        return groups;
    }

    private static string Range(int start, int stop)
    {
        var beginning = start + 1;
        var length = stop - start;
        if (length == 1)
        {
            return beginning.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (length == 0)
        {
            beginning--;
        }

        return new StringBuilder().Append(beginning).Append(',').Append(length).ToString();
    }
}
