using System.Globalization;
using System.Text;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Unicode NFC (the <c>NFC</c> normalizer) with a map from normalized positions back to the input,
/// so token offsets can be reported against the caller's text.
/// </summary>
/// <remarks>
/// Each text element (grapheme cluster) is normalized on its own; composition never crosses a
/// cluster boundary, so this equals normalizing the whole string. The BCL normalizes through ICU:
/// under globalization-invariant mode <see cref="string.Normalize(NormalizationForm)"/> returns
/// its input unchanged, and so does this class.
/// </remarks>
internal static class NfcNormalizer
{
    /// <summary>
    /// The NFC form of <paramref name="text"/>; <paramref name="map"/> is null when it is unchanged,
    /// else it maps each normalized char index (and the end) to an index in <paramref name="text"/>.
    /// </summary>
    public static string Normalize(string text, out int[]? map)
    {
        map = null;
        if (IsNormalized(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var positions = new List<int>(text.Length + 1);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var start = elements.ElementIndex;
            var normalized = NormalizeElement(element);
            var unchanged = string.Equals(normalized, element, StringComparison.Ordinal);
            for (var i = 0; i < normalized.Length; i++)
            {
                positions.Add(unchanged ? start + i : start);
            }

            builder.Append(normalized);
        }

        positions.Add(text.Length);
        map = [.. positions];
        return builder.ToString();
    }

    private static bool IsNormalized(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate): normalize element by element instead.
            return false;
        }
    }

    private static string NormalizeElement(string element)
    {
        try
        {
            return element.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return element;
        }
    }
}
