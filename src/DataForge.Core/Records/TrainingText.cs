namespace DataForge.Core.Records;

/// <summary>
/// The text a trainer learns from a record's answer: the output, or for an edit sequence the
/// reference's <c>&lt;|diff|&gt;</c> rendering of its edits. Export, the reference renderer and every
/// scoring and selection step take it from here, so what is scored is what is trained on.
/// </summary>
public static class TrainingText
{
    /// <summary>The token that separates edits in training text.</summary>
    public const string DiffToken = "<|diff|>";

    /// <summary>
    /// The edits as the reference's training text has them after the instruction: <c>"\n&lt;|diff|&gt;"</c>
    /// before each edit and twice at the end (github.com/upiterbarg/lintseq).
    /// </summary>
    public static string EditsAfterInstruction(IEnumerable<string> diffs)
    {
        ArgumentNullException.ThrowIfNull(diffs);
        return string.Join("\n" + DiffToken, diffs.Prepend("").Append("").Append(""));
    }

    /// <summary>
    /// The edits as the assistant's turn: <see cref="EditsAfterInstruction"/> without its first line break
    /// (a chat template's assistant header already ends the line).
    /// </summary>
    public static string EditsAnswer(IEnumerable<string> diffs) => EditsAfterInstruction(diffs)[1..];

    /// <summary>True for an edit sequence that carries its edits (kind <c>edit_sequence</c>).</summary>
    public static bool IsEditSequence(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample.Kind == SampleKinds.EditSequence && sample.Edits is not null;
    }

    /// <summary>
    /// The answer a trainer sees: <see cref="EditsAnswer"/> of an edit sequence's edits (never its final
    /// program, which all sequences of one program share), otherwise <see cref="Sample.Output"/>.
    /// </summary>
    public static string? Answer(Sample sample)
        => IsEditSequence(sample) ? EditsAnswer(sample.Edits!.Value) : sample!.Output;
}
