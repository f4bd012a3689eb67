namespace DataForge.Generation.Ensemble;

/// <summary>Reads the instance a model wrote after <c>instruction: ...</c> (docs/algorithms.md#ensemble-instruct), keeping multi-line inputs and outputs whole.</summary>
/// <remarks>
/// <para>The continuation is cut at the first <c>|EoS|</c>. A with-input instance is an
/// <c>input:</c> label and an <c>output:</c> label, each at the start of a line; an output-only
/// instance is an <c>output:</c> label. A section runs from its label to the next label line, so
/// blank lines and code are kept; a line inside a <c>```</c> fence is never a label. The output ends
/// at an <c>instruction:</c> or <c>input:</c> line (the model went on with another task) or at the end.
/// Labels match in any case.</para>
/// <para>The reference keeps only the first line of each section, which cuts code; it also splits on
/// blank lines and harvests further tasks the model went on to write, which this parser ignores.</para>
/// <para>Drop reasons: <c>missing_input</c> (with-input, no leading <c>input:</c>), <c>unexpected_input</c>
/// (output-only, an <c>input:</c> label first), <c>missing_output</c>, <c>empty_input</c> (with-input,
/// only whitespace after <c>input:</c>), <c>empty_output</c> (no word after <c>output:</c>).</para>
/// </remarks>
public static class EnsembleInstanceParser
{
    private const string InputLabel = "input:";
    private const string OutputLabel = "output:";
    private const string InstructionLabel = "instruction:";

    /// <summary>Every reason <see cref="Parse"/> may give.</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["missing_input", "unexpected_input", "missing_output", "empty_input", "empty_output"];

    /// <summary>Parses the continuation <paramref name="raw"/> of an instance prompt of the given task type.</summary>
    public static ParsedInstance Parse(string? raw, EnsembleTaskType type)
    {
        var lines = Lines(raw);
        var start = lines.FindIndex(l => l.Text.Trim().Length > 0);
        var first = start < 0 ? null : lines[start].Label;
        return type == EnsembleTaskType.WithInput ? ParseWithInput(lines, start, first) : ParseOutputOnly(lines, start, first);
    }

    private static ParsedInstance ParseWithInput(List<Line> lines, int start, string? first)
    {
        if (first != InputLabel)
        {
            return ParsedInstance.Invalid("missing_input");
        }

        var outputAt = lines.FindIndex(start + 1, l => l.Label == OutputLabel);
        if (outputAt < 0)
        {
            return ParsedInstance.Invalid("missing_output");
        }

        var input = Section(lines, start, outputAt, InputLabel);
        var output = Section(lines, outputAt, EndOf(lines, outputAt), OutputLabel);
        return Checked(input, output, requireInput: true);
    }

    private static ParsedInstance ParseOutputOnly(List<Line> lines, int start, string? first)
    {
        if (first != OutputLabel)
        {
            return ParsedInstance.Invalid(first == InputLabel ? "unexpected_input" : "missing_output");
        }

        return Checked("", Section(lines, start, EndOf(lines, start), OutputLabel), requireInput: false);
    }

    private static ParsedInstance Checked(string input, string output, bool requireInput)
    {
        if (requireInput && input.Trim().Length == 0)
        {
            return ParsedInstance.Invalid("empty_input");
        }

        return EnsembleText.Words(output).Length == 0 ? ParsedInstance.Invalid("empty_output") : new ParsedInstance(input, output, null);
    }

    // The first line after `from` that starts another task or instance; the line count when none does.
    private static int EndOf(List<Line> lines, int from)
    {
        var end = lines.FindIndex(from + 1, l => l.Label is InstructionLabel or InputLabel);
        return end < 0 ? lines.Count : end;
    }

    // The text from after the label on line `from` to the line before `to`: inner lines verbatim, blank lines at both ends dropped.
    private static string Section(List<Line> lines, int from, int to, string label)
    {
        var head = lines[from].Text.TrimStart()[label.Length..].Trim();
        var body = lines.Skip(from + 1).Take(to - from - 1).Select(l => l.Text.TrimEnd());
        var all = new List<string> { head };
        all.AddRange(body);
        var first = all.FindIndex(l => l.Length > 0);
        var last = all.FindLastIndex(l => l.Length > 0);
        return first < 0 ? "" : string.Join('\n', all.Skip(first).Take(last - first + 1));
    }

    private static List<Line> Lines(string? raw)
    {
        var text = EnsembleText.BeforeEndMarker((raw ?? "").Replace("\r\n", "\n", StringComparison.Ordinal));
        var lines = new List<Line>();
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            var fence = trimmed.StartsWith("```", StringComparison.Ordinal);
            lines.Add(new Line(line, inFence || fence ? null : LabelOf(trimmed)));
            inFence ^= fence;
        }

        return lines;
    }

    private static string? LabelOf(string trimmed)
    {
        foreach (var label in (string[])[InputLabel, OutputLabel, InstructionLabel])
        {
            if (trimmed.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                return label;
            }
        }

        return null;
    }

    private readonly record struct Line(string Text, string? Label);
}
