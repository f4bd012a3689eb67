using System.Text.RegularExpressions;
using DataForge.Core.Records;

namespace DataForge.Generation.Evol;

/// <summary>Text helpers: the prompt given to the evolver, and the clean-up of what it returns.</summary>
internal static partial class EvolText
{
    /// <summary>The instruction to evolve: the instruction, with a non-empty input folded in on the next line (as the official driver does).</summary>
    public static string GivenPrompt(Sample sample)
        => string.IsNullOrWhiteSpace(sample.Input) ? sample.Instruction!.Trim() : $"{sample.Instruction!.Trim()}\n{sample.Input.Trim()}";

    /// <summary>
    /// The evolved instruction in the evolver's raw output. Paper mode strips one leading answer
    /// label such as "#Rewritten Prompt#:" (models often echo it; docs/algorithms.md#evol-instruct) and tests the
    /// rest; h2o mode applies h2o-wizardlm's post-processing.
    /// </summary>
    public static string Clean(string raw, EvolElimination elimination)
        => elimination == EvolElimination.H2o ? H2oRules.PostProcess(raw) : LeadingLabel().Replace(raw.Trim(), "", 1).Trim();

    [GeneratedRegex(@"^#?\s*(?:the\s+)?(?:rewritten|created|new)\s+prompt\s*#?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingLabel();
}
