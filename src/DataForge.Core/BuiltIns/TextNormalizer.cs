using System.Text;
using DataForge.Core.Records;

namespace DataForge.Core.BuiltIns;

/// <summary>The text of a record as dedup and length checks see it.</summary>
public static class TextNormalizer
{
    /// <summary>All text fields, each trimmed, joined with a separator that cannot occur in normalized text.</summary>
    public static string RecordText(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);

        // Each field is trimmed here: Normalize trims only the ends of the whole text, and would
        // otherwise keep a space before or after a separator ("Hi " and "Hi" would differ).
        var text = new StringBuilder();
        text.Append(sample.Instruction?.Trim()).Append('\u0001').Append(sample.Input?.Trim()).Append('\u0001').Append(sample.Output?.Trim());
        if (sample.Messages is { } messages)
        {
            foreach (var m in messages)
            {
                text.Append('\u0001').Append(m.Role?.Trim()).Append('\u0002').Append(m.Content?.Trim());
            }
        }

        return text.ToString();
    }

    /// <summary>Lower-cases, trims and collapses every run of whitespace to one space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
