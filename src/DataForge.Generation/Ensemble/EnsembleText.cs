using System.Text;

namespace DataForge.Generation.Ensemble;

/// <summary>Text helpers shared by the Ensemble-Instruct parsers and the consensus rule.</summary>
internal static class EnsembleText
{
    /// <summary>The end-of-sample marker the templates use.</summary>
    public const string EndOfSample = "|EoS|";

    /// <summary>Python's <c>string.punctuation</c>.</summary>
    public const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Lower-cases, removes ASCII punctuation and collapses whitespace (docs/algorithms.md#consensus-vote).</summary>
    public static string Normalize(string? text)
    {
        var builder = new StringBuilder(text?.Length ?? 0);
        foreach (var c in text ?? "")
        {
            if (!AsciiPunctuation.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return CollapseWhitespace(builder.ToString());
    }

    /// <summary>Joins the whitespace-separated words with single spaces (Python's <c>" ".join(s.split())</c>).</summary>
    public static string CollapseWhitespace(string? text) => string.Join(' ', Words(text));

    /// <summary>The whitespace-separated words of <paramref name="text"/>.</summary>
    public static string[] Words(string? text)
        => text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The text before the first <see cref="EndOfSample"/> marker (all of it when there is none).</summary>
    public static string BeforeEndMarker(string text)
    {
        var end = text.IndexOf(EndOfSample, StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
