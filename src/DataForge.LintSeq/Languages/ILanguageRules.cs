namespace DataForge.LintSeq.Languages;

/// <summary>
/// What the sampler needs to know about a language's line structure: which lines may be picked as
/// deletion seeds, their weights, and each line's structural children (deleted with it).
/// </summary>
public interface ILanguageRules
{
    /// <summary>Language name (<c>python</c>, <c>csharp</c>).</summary>
    string Language { get; }

    /// <summary>Analyses a program split on <c>\n</c> only.</summary>
    ProgramStructure Analyze(IReadOnlyList<string> lines, double? indentBiasFactor);
}
