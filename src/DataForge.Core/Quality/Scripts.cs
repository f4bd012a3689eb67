using System.Collections.Frozen;

namespace DataForge.Core.Quality;

/// <summary>
/// The writing systems of the languages a run declares (<c>[run] language</c>, ISO 639-1), as Unicode
/// ranges: the script rule counts a text's letters inside them. Built without ICU (the build is
/// globalization-invariant), so the ranges are written out here.
/// </summary>
public static class Scripts
{
    private static readonly (int From, int To)[] Latin =
        [(0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0x24F), (0x250, 0x2AF), (0x1D00, 0x1DBF), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F), (0xFB00, 0xFB06), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)];

    private static readonly (int From, int To)[] Cyrillic = [(0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)];
    private static readonly (int From, int To)[] Greek = [(0x370, 0x3FF), (0x1F00, 0x1FFF)];
    private static readonly (int From, int To)[] Arabic = [(0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)];
    private static readonly (int From, int To)[] Hebrew = [(0x590, 0x5FF), (0xFB1D, 0xFB4F)];
    private static readonly (int From, int To)[] Devanagari = [(0x900, 0x97F), (0xA8E0, 0xA8FF)];
    private static readonly (int From, int To)[] Thai = [(0xE00, 0xE7F)];
    private static readonly (int From, int To)[] Han = [(0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)];
    private static readonly (int From, int To)[] Kana = [(0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)];
    private static readonly (int From, int To)[] Hangul = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)];

    private static readonly string[] LatinLanguages =
        ["en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "pl", "cs", "sk", "sl", "hr", "bs", "hu", "ro", "tr", "et", "lv", "lt", "ga", "cy", "eu", "ca", "gl", "sq", "mt", "af", "sw", "id", "ms", "tl", "vi", "uz", "az", "eo", "la"];

    private static readonly FrozenDictionary<string, (int From, int To)[]> ByLanguage = BuildTable();

    /// <summary>The language codes with a known script, sorted.</summary>
    public static IReadOnlyList<string> KnownLanguages { get; } = [.. ByLanguage.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when every code of <paramref name="languages"/> has a known script.</summary>
    public static bool AllKnown(IEnumerable<string> languages, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(languages);
        unknown = languages.FirstOrDefault(l => !ByLanguage.ContainsKey(l.ToLowerInvariant()));
        return unknown is null;
    }

    /// <summary>The share of the letters of <paramref name="text"/> written in a script of <paramref name="languages"/>; 1 when it has no letter.</summary>
    public static double Share(string text, IReadOnlyList<string> languages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(languages);
        var ranges = languages.SelectMany(l => ByLanguage.TryGetValue(l.ToLowerInvariant(), out var r) ? r : []).ToArray();
        long letters = 0, inside = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int code;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                code = char.ConvertToUtf32(text[i], text[i + 1]);
                if (!char.IsLetter(text, i))
                {
                    i++;
                    continue;
                }

                i++;
            }
            else if (char.IsLetter(text[i]))
            {
                code = text[i];
            }
            else
            {
                continue;
            }

            letters++;
            if (ranges.Any(r => code >= r.From && code <= r.To))
            {
                inside++;
            }
        }

        return letters == 0 ? 1 : (double)inside / letters;
    }

    private static FrozenDictionary<string, (int From, int To)[]> BuildTable()
    {
        var table = LatinLanguages.ToDictionary(l => l, _ => Latin, StringComparer.Ordinal);
        foreach (var code in new[] { "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg" })
        {
            table[code] = Cyrillic;
        }

        foreach (var code in new[] { "ar", "fa", "ur", "ps" })
        {
            table[code] = Arabic;
        }

        foreach (var code in new[] { "hi", "mr", "ne", "sa" })
        {
            table[code] = Devanagari;
        }

        table["el"] = Greek;
        table["he"] = Hebrew;
        table["yi"] = Hebrew;
        table["th"] = Thai;
        table["zh"] = Han;
        table["ja"] = [.. Han, .. Kana];
        table["ko"] = [.. Hangul, .. Han];
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
