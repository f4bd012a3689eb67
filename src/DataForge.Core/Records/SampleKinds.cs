namespace DataForge.Core.Records;

/// <summary>The values of <see cref="Sample.Kind"/>.</summary>
public static class SampleKinds
{
    /// <summary>An Alpaca-style instruction record (possibly a whole conversation in <c>messages</c>).</summary>
    public const string Instruction = "instruction";

    /// <summary>A LintSeq record: an instruction and a list of insertion-only diffs.</summary>
    public const string EditSequence = "edit_sequence";

    /// <summary>A rejected input that never became a record; <see cref="Sample.Raw"/> holds its bytes.</summary>
    public const string Raw = "raw";
}
