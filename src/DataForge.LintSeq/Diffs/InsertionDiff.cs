namespace DataForge.LintSeq.Diffs;

/// <summary>
/// The diff between two states of one program where the later state only adds original lines.
/// difflib's matcher is greedy, not a true longest common subsequence: with repeated lines
/// (<c>}</c>, blank lines, <c>return</c>) it can pair a line with the wrong twin and emit a replace
/// hunk, breaking the insertion-only guarantee. Since the sampler knows which original lines each state
/// holds, the insertion diff can be written directly; difflib's text is kept whenever it is
/// insertion-only, so output matches the reference wherever the reference is right.
/// </summary>
internal static class InsertionDiff
{
    /// <summary>The diff from the lines <paramref name="before"/> to <paramref name="after"/> (original indices, ascending; before ⊆ after).</summary>
    public static string Between(IReadOnlyList<string> lines, IReadOnlyList<int> before, IReadOnlyList<int> after)
    {
        var beforeText = string.Join("\n", before.Select(i => lines[i]));
        var afterText = string.Join("\n", after.Select(i => lines[i]));
        var diff = UnifiedDiff.Between(beforeText, afterText);
        if (IsInsertionOnly(diff))
        {
            return diff;
        }

        var a = Pieces(lines, before);
        var b = Pieces(lines, after);
        return a is null || b is null ? diff : Direct(a, b);
    }

    /// <summary>True when every hunk only inserts.</summary>
    public static bool IsInsertionOnly(string diff)
        => diff.Length == 0 || diff.Split('\n').All(l => l.StartsWith('+') || (l.StartsWith("@@ -", StringComparison.Ordinal) && l.Split(' ')[1].EndsWith(",0", StringComparison.Ordinal)));

    // Each state's compared lines with the original index they come from; null when splitting the
    // joined text does not line up with the original lines (exotic line separators).
    private static List<(int Index, string Text)>? Pieces(IReadOnlyList<string> lines, IReadOnlyList<int> state)
    {
        var pieces = state.SelectMany(i => (PyText.SplitLines(lines[i]) is { Count: > 0 } split ? split : [""]).Select(t => (Index: i, Text: t))).ToList();
        var start = pieces.FindIndex(p => PyText.Strip(p.Text).Length > 0);
        var trimmed = start < 0 ? [] : pieces.GetRange(start, pieces.FindLastIndex(p => PyText.Strip(p.Text).Length > 0) - start + 1);
        return trimmed.Select(p => p.Text).SequenceEqual(UnifiedDiff.Lines(string.Join("\n", state.Select(i => lines[i])))) ? trimmed : null;
    }

    private static string Direct(List<(int Index, string Text)> a, List<(int Index, string Text)> b)
    {
        var kept = a.Select(p => p.Index).ToHashSet();
        var hunks = new List<string>();
        var matched = 0;
        for (var j = 0; j < b.Count;)
        {
            if (kept.Contains(b[j].Index))
            {
                matched++;
                j++;
                continue;
            }

            var run = b.Skip(j).TakeWhile(p => !kept.Contains(p.Index)).ToList();
            var header = run.Count == 1 ? $"@@ -{matched},0 +{j + 1} @@" : $"@@ -{matched},0 +{j + 1},{run.Count} @@";
            hunks.Add(header);
            hunks.AddRange(run.Select(p => "+" + p.Text));
            j += run.Count;
        }

        return string.Join("\n", hunks);
    }
}
