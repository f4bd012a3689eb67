using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace DataForge.Core.Text;

/// <summary>
/// Common English function words: the one list behind Evol-Instruct's "only punctuation and stop
/// words" elimination rule and the <c>quality-filter</c>'s stop-word rule.
/// </summary>
public static partial class EnglishStopWords
{
    private static readonly FrozenSet<string> Set = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "don't", "down", "during", "each", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
        "i", "i'm", "if", "in", "into", "is", "it", "it's", "its", "itself", "just", "me", "more", "most", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "you", "your", "yours", "yourself", "yourselves", "ok", "okay", "yes",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The words, lower case.</summary>
    public static IReadOnlySet<string> Words => Set;

    /// <summary>True when <paramref name="word"/> (any case) is on the list.</summary>
    public static bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Set.Contains(word.ToLowerInvariant());
    }

    /// <summary>The words of <paramref name="text"/> that are on the list (letters and digits, with an optional 's-style suffix).</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordPattern().Matches(text).Count(m => Set.Contains(m.Value.ToLowerInvariant()));
    }

    /// <summary>True when the text has no word outside the list (empty text included).</summary>
    public static bool OnlyStopWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordPattern().Matches(text).All(m => Set.Contains(m.Value.ToLowerInvariant()));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'[\p{L}]+)?")]
    private static partial Regex WordPattern();
}
