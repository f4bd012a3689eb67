using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DataForge.Core.Records;

namespace DataForge.LintSeq.Diffs;

/// <summary>
/// The forward phase of LintSeq (the reference's <c>inflate_edit_path</c>), the decoder that applies
/// an edit sequence back into a program, and the <c>&lt;|diff|&gt;</c> training-text renderer.
/// </summary>
public static partial class EditPath
{
    /// <summary>The token that separates edits in training text.</summary>
    public const string DiffToken = TrainingText.DiffToken;

    /// <summary>
    /// Turns deletion sets (in deletion order) into insertion-only diffs from the empty program to the
    /// whole one: a residue diff first when lines were never deleted, then one diff per deletion set in
    /// reverse order. Empty diffs are dropped unless <paramref name="keepEmpty"/> (the paper repository keeps them; pylintseq drops them).
    /// </summary>
    public static IReadOnlyList<string> Inflate(IReadOnlyList<string> lines, IReadOnlyList<IReadOnlySet<int>> deletions, bool keepEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(deletions);

        // States as the original line indices they keep: S_0 = all, S_k = all minus the first k sets, then "".
        var states = new List<int[]> { Enumerable.Range(0, lines.Count).ToArray() };
        var deleted = new HashSet<int>();
        foreach (var set in deletions)
        {
            deleted.UnionWith(set);
            states.Add([.. Enumerable.Range(0, lines.Count).Where(i => !deleted.Contains(i))]);
        }

        if (string.Join("\n", states[^1].Select(i => lines[i])).Length != 0)
        {
            states.Add([]);
        }

        states.Reverse();
        var diffs = new List<string>(states.Count - 1);
        for (var k = 0; k + 1 < states.Count; k++)
        {
            var diff = InsertionDiff.Between(lines, states[k], states[k + 1]);
            if (keepEmpty || diff.Length > 0)
            {
                diffs.Add(diff);
            }
        }

        return diffs;
    }

    /// <summary>
    /// Applies insertion-only diffs, in order, to the empty program. Unlike the reference decoder this
    /// removes exactly one leading '+', so code lines that start with '+' or '-' survive.
    /// Throws <see cref="FormatException"/> on a malformed or non-insertion hunk.
    /// </summary>
    public static string Apply(IEnumerable<string> diffs)
    {
        ArgumentNullException.ThrowIfNull(diffs);
        var program = new List<string>();
        foreach (var diff in diffs)
        {
            ApplyOne(program, diff);
        }

        return string.Join("\n", program);
    }

    /// <summary>The reference's training text: the instruction, then <c>"\n&lt;|diff|&gt;"</c> before each edit and twice at the end, then EOS.</summary>
    public static string RenderTrainingText(string instruction, IEnumerable<string> diffs, string endOfSequence)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(diffs);
        return instruction + TrainingText.EditsAfterInstruction(diffs) + endOfSequence;
    }

    private static void ApplyOne(List<string> program, string diff)
    {
        if (diff.Length == 0)
        {
            return;
        }

        var lines = diff.Split('\n');
        var offset = 0;
        var at = -1;
        foreach (var line in lines)
        {
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var header = HunkHeader().Match(line);
                if (!header.Success || header.Groups["len"].Value != "0")
                {
                    throw new FormatException($"not an insertion hunk: '{line}'");
                }

                // The hunk's "-a,0" is a position in the program before this diff; earlier hunks of the same diff shift it.
                at = int.Parse(header.Groups["a"].Value, CultureInfo.InvariantCulture) + offset;
                continue;
            }

            if (at < 0 || line.Length == 0 || line[0] != '+')
            {
                throw new FormatException($"expected an inserted line after a hunk header, got '{line}'");
            }

            program.Insert(at, line[1..]);
            at++;
            offset++;
        }
    }

    [GeneratedRegex(@"^@@ -(?<a>\d+)(,(?<len>\d+))? \+\d+(,\d+)? @@$")]
    private static partial Regex HunkHeader();
}
