using System.Text.RegularExpressions;

namespace DataForge.Core.Quality;

/// <summary>
/// Gopher's repetition values (Rae et al. 2021, table A1) of one text: duplicate lines and
/// paragraphs (share by count and by characters), the character share of the most frequent 2-, 3-
/// and 4-gram, and the character share of words inside 5- to 10-grams that occur more than once.
/// N-grams run over the words that hold a letter, lower case, surrounding punctuation left out:
/// numbers repeat in any arithmetic answer and say nothing about degenerate text. The n-gram values
/// are measured only on texts of at least a given number of such words (Gopher's minimum document
/// length, 50, by default), 0 below it: Gopher set its fractions on documents at least that long, and
/// in a 15-word answer one phrase said twice is a third of the characters.
/// </summary>
public static partial class Repetition
{
    /// <summary>The values, keyed as in <c>meta.quality</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Measure(string text, int minNgramWords = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var paragraphs = BlankLines().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var words = QualityText.Words(text).Where(QualityText.HasLetter).Select(w => QualityText.Core(w).ToLowerInvariant()).ToList();
        var measured = words.Count >= minNgramWords;
        var (lineShare, lineChars) = Duplicates(lines);
        var (paragraphShare, paragraphChars) = Duplicates(paragraphs);
        var values = new List<KeyValuePair<string, double>>
        {
            new("duplicate_lines", lineShare),
            new("duplicate_line_chars", lineChars),
            new("duplicate_paragraphs", paragraphShare),
            new("duplicate_paragraph_chars", paragraphChars),
        };
        for (var n = 2; n <= 4; n++)
        {
            values.Add(new($"top_{n}gram", measured ? TopGramShare(words, n) : 0));
        }

        for (var n = 5; n <= 10; n++)
        {
            values.Add(new($"duplicate_{n}gram", measured ? DuplicateGramShare(words, n) : 0));
        }

        return values;
    }

    private static (double Share, double Chars) Duplicates(List<string> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0, duplicateChars = 0, chars = 0;
        foreach (var item in items)
        {
            chars += item.Length;
            if (!seen.Add(item))
            {
                duplicates++;
                duplicateChars += item.Length;
            }
        }

        return items.Count == 0 ? (0, 0) : ((double)duplicates / items.Count, (double)duplicateChars / chars);
    }

    // Characters of the most frequent n-gram times its count over all words' characters; 0 when no n-gram occurs twice.
    private static double TopGramShare(List<string> words, int n)
    {
        if (words.Count < n)
        {
            return 0;
        }

        var counts = new Dictionary<string, (int Count, int Chars)>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++)
        {
            var key = string.Join('\u0001', words.Skip(i).Take(n));
            var chars = words.Skip(i).Take(n).Sum(w => w.Length);
            counts[key] = counts.TryGetValue(key, out var c) ? (c.Count + 1, chars) : (1, chars);
        }

        var top = counts.Values.OrderByDescending(c => c.Count).ThenByDescending(c => c.Chars).First();
        return top.Count < 2 ? 0 : (double)top.Count * top.Chars / TotalChars(words);
    }

    // Characters of the words covered by an n-gram that occurs more than once, over all words' characters.
    private static double DuplicateGramShare(List<string> words, int n)
    {
        if (words.Count < n)
        {
            return 0;
        }

        var keys = new string[words.Count - n + 1];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = string.Join('\u0001', words.Skip(i).Take(n));
            counts[keys[i]] = counts.GetValueOrDefault(keys[i]) + 1;
        }

        var covered = new bool[words.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[keys[i]] > 1)
            {
                Array.Fill(covered, true, i, n);
            }
        }

        var chars = words.Where((_, i) => covered[i]).Sum(w => w.Length);
        return (double)chars / TotalChars(words);
    }

    private static int TotalChars(List<string> words) => Math.Max(1, words.Sum(w => w.Length));

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();
}
