using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Sampling;

namespace DataForge.LintSeq;

/// <summary>What the <c>lintseq</c> step needs: sampler options, a forced language, and per-language rules and linters.</summary>
/// <param name="Sampler">Sampler options (s, indentation bias, round cap, empty diffs).</param>
/// <param name="Language">Force a language (<c>python</c>, <c>csharp</c>); null takes each record's <c>language</c>.</param>
/// <param name="Rules">The line rules of a language, or null when the language is not supported.</param>
/// <param name="Linters">The run's linters (created on first use; disposed with the step).</param>
public sealed record LintSeqExpanderOptions(
    LintSeqOptions Sampler,
    string? Language,
    Func<string, ILanguageRules?> Rules,
    LinterSet Linters);
