using DataForge.Core.Text;

namespace DataForge.Generation.Evol;

/// <summary>The WizardLM paper's elimination rules (docs/algorithms.md#evol-instruct).</summary>
internal static class PaperRules
{
    // Case-insensitive substrings; they also cover the #...# forms of both templates.
    private static readonly string[] Markers = ["given prompt", "rewritten prompt", "created prompt"];

    /// <summary>The reason the evolved instruction fails, or null.</summary>
    public static string? CheckInstruction(string evolved)
    {
        if (string.IsNullOrWhiteSpace(evolved))
        {
            return EvolReasons.Empty;
        }

        return Markers.Any(m => evolved.Contains(m, StringComparison.OrdinalIgnoreCase)) ? EvolReasons.CopiedMarkers : null;
    }

    /// <summary>The reason the answer fails, or null: "sorry" in fewer than 80 words, or only punctuation and stop words.</summary>
    public static string? CheckResponse(string response)
    {
        if (response.Contains("sorry", StringComparison.OrdinalIgnoreCase) && WordCount(response) < 80)
        {
            return EvolReasons.Sorry;
        }

        return EnglishStopWords.OnlyStopWords(response) ? EvolReasons.StopWords : null;
    }

    /// <summary>
    /// True when the judge said "Equal" and not "Not Equal" ("equal" is a substring of it). An answer
    /// with neither word shows no equality, so it does not eliminate the evolution (a weak judge must
    /// not silently discard every round); the answer is kept in the record's meta.
    /// </summary>
    public static bool JudgedEqual(string judgeAnswer)
        => judgeAnswer.Contains("equal", StringComparison.OrdinalIgnoreCase)
            && !judgeAnswer.Contains("not equal", StringComparison.OrdinalIgnoreCase);

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
