namespace DataForge.LintSeq.Languages;

/// <summary>The per-line facts the sampler works from (all indices 0-based into the program's lines).</summary>
/// <param name="Candidates">Sorted indices of lines that may be sampled as deletion seeds.</param>
/// <param name="Weights">Sampling weight per line before normalisation; 0 for non-candidates.</param>
/// <param name="Indents">The structural indent per line (Python: the reference's inherited indent).</param>
/// <param name="TabWidth">The first non-zero indent, or null when every line is at indent 0.</param>
/// <param name="Children">Per line, the lines deleted with it (Python: the run of deeper-indented lines after it).</param>
public sealed record ProgramStructure(
    IReadOnlyList<int> Candidates,
    IReadOnlyList<double> Weights,
    IReadOnlyList<int> Indents,
    int? TabWidth,
    IReadOnlyList<IReadOnlyList<int>> Children);
