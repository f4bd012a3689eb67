using DataForge.Core.Options;

namespace DataForge.LintSeq;

/// <summary>Options of <see cref="ReferenceJsonlSink"/> (<c>write-reference-jsonl</c>).</summary>
/// <remarks>
/// The key is <see cref="Sequences"/> (<c>s</c>); <see cref="Directory"/>, <see cref="Samples"/> and
/// <see cref="Seed"/> are set by the step's factory from the run.
/// </remarks>
public sealed record ReferenceJsonlOptions
{
    /// <summary>The s of the file name (the <c>lintseq</c> step's sequences per program).</summary>
    [Option("s", "the s of the file name <n>_<s>_<seed>_vec.jsonl", Min = 1)] public int Sequences { get; init; } = 5;

    /// <summary>The folder written (<c>reference/</c> in the run folder).</summary>
    public string Directory { get; init; } = string.Empty;

    /// <summary>The n of the file name: the run's limit, or <c>all</c>.</summary>
    public string Samples { get; init; } = "all";

    /// <summary>The seed of the file name: the run seed.</summary>
    public long Seed { get; init; }
}
