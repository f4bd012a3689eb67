using System.Text.RegularExpressions;
using DataForge.Core.Text;

namespace DataForge.Core.Quality;

/// <summary>The word-level values of a prose text: the rules word_count to dictionary.</summary>
public static partial class WordMeasures
{
    /// <summary>Mean length (letters and digits, surrounding punctuation left out) of the words that hold a letter; 0 without such words.</summary>
    public static double MeanWordLength(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var lettered = words.Where(QualityText.HasLetter).ToList();
        return lettered.Count == 0 ? 0 : lettered.Average(w => (double)QualityText.Core(w).Length);
    }

    /// <summary>The share of words without a letter; 0 without words.</summary>
    public static double NonLetterShare(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count == 0 ? 0 : (double)words.Count(w => !QualityText.HasLetter(w)) / words.Count;
    }

    /// <summary>
    /// '#' characters and ellipses ("..." or "…") per word, as Gopher; Markdown heading marks at a
    /// line's start and the language names C# and F# are not counted. 0 without words.
    /// </summary>
    public static double SymbolRatio(string prose, int words)
    {
        ArgumentNullException.ThrowIfNull(prose);
        if (words == 0)
        {
            return 0;
        }

        var text = LanguageName().Replace(Heading().Replace(prose, ""), "");
        var symbols = text.Count(c => c is '#' or '…') + Ellipsis().Count(text);
        return (double)symbols / words;
    }

    /// <summary>Words on the shared English stop-word list (Evol-Instruct's).</summary>
    public static int StopWords(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count(w => EnglishStopWords.Words.Contains(QualityText.Core(w).ToLowerInvariant()));
    }

    /// <summary>The share of plain words (<see cref="QualityText.DictionaryForm"/>) found in <paramref name="list"/>; 1 when there is none to look up.</summary>
    public static double DictionaryShare(IReadOnlyList<string> words, WordList list)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(list);
        int looked = 0, found = 0;
        foreach (var word in words)
        {
            if (QualityText.DictionaryForm(word) is { } form)
            {
                looked++;
                found += list.Contains(form) ? 1 : 0;
            }
        }

        return looked == 0 ? 1 : (double)found / looked;
    }

    [GeneratedRegex(@"(?m)^[ \t]{0,3}#{1,6}(?=[ \t])")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\b[CF]#")]
    private static partial Regex LanguageName();

    [GeneratedRegex(@"\.\.\.")]
    private static partial Regex Ellipsis();
}
