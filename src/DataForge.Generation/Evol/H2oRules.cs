using System.Text.RegularExpressions;

namespace DataForge.Generation.Evol;

/// <summary>The h2o-wizardlm string rules on the evolved prompt (github.com/h2oai/h2o-wizardlm), with its post-processing.</summary>
internal static partial class H2oRules
{
    private static readonly string[] Leaks = ["new prompt", "given prompt", "rewritten prompt", "created prompt"];
    private static readonly string[] Boilerplate = ["how can i assist", "as an ai", "ai assistant"];

    /// <summary>Keeps the text after the last "Prompt#:", drops a leading "New Prompt:", and rewrites "As an AI assistant, I" to "I".</summary>
    public static string PostProcess(string raw)
    {
        var at = raw.LastIndexOf("Prompt#:", StringComparison.Ordinal);
        var text = (at >= 0 ? raw[(at + "Prompt#:".Length)..] : raw).Trim();
        if (text.StartsWith("New Prompt:", StringComparison.Ordinal))
        {
            text = text["New Prompt:".Length..];
        }

        return AsAnAi().Replace(text, m => char.ToUpperInvariant(m.Groups[1].Value[0]) + m.Groups[1].Value[1..]).Trim();
    }

    /// <summary>The reason <paramref name="after"/> fails against <paramref name="before"/>, or null.</summary>
    public static string? Check(string before, string after)
    {
        var lower = after.ToLowerInvariant();
        var newlines = after.Count(c => c == '\n');
        return after switch
        {
            _ when string.IsNullOrWhiteSpace(after) => EvolReasons.Empty,
            _ when before == after => EvolReasons.Same,
            _ when newlines > 2 * after.Count(c => c == ' ') => EvolReasons.TooManyLines,
            _ when newlines == Count(after, "- ") && newlines > 10 => EvolReasons.TooManyItems,
            _ when Leaks.Any(lower.Contains) => EvolReasons.PromptLeaked,
            _ when Boilerplate.Any(lower.Contains) => EvolReasons.AiBoilerplate,
            _ when lower.Contains("i'm sorry", StringComparison.Ordinal) && !before.Contains("sorry", StringComparison.OrdinalIgnoreCase) && after.Length < 400 => EvolReasons.Sorry,
            _ => null,
        };
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex("As an AI (?:assistant|language model), (I|you|what)")]
    private static partial Regex AsAnAi();
}
