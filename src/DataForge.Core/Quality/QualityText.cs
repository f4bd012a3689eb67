using System.Text.RegularExpressions;

namespace DataForge.Core.Quality;

/// <summary>
/// The prose the quality rules read, and its words. Prose is a field's text without fenced code
/// blocks, inline code spans and URLs: the rules judge language, and code, JSON or links in an
/// answer are not sentences. For a code record's output only the text outside its fences is prose.
/// </summary>
public static partial class QualityText
{
    /// <summary>The normalized code language of a record (<c>python</c> or <c>csharp</c>), or null for any other value.</summary>
    public static string? CodeLanguage(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "python" or "py" or "python3" => "python",
        "csharp" or "cs" or "c#" => "csharp",
        _ => null,
    };

    /// <summary>The prose of <paramref name="text"/>; with <paramref name="isProgram"/> only the text outside fenced blocks (none when there are no fences).</summary>
    public static string Prose(string? text, bool isProgram = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (isProgram && !Fence().IsMatch(text))
        {
            return string.Empty;
        }

        var withoutFences = Fence().Replace(text, "\n");
        return Url().Replace(InlineCode().Replace(withoutFences, " "), " ");
    }

    /// <summary>Whitespace-separated words (Gopher's word definition).</summary>
    public static string[] Words(string prose)
    {
        ArgumentNullException.ThrowIfNull(prose);
        return prose.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>True when the word holds a letter.</summary>
    public static bool HasLetter(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The word without leading and trailing characters that are neither letters nor digits (<c>"(hello),"</c> → <c>hello</c>).</summary>
    public static string Core(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetterOrDigit(word[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(word[end - 1]))
        {
            end--;
        }

        return word[start..end];
    }

    /// <summary>
    /// The word as a word-list entry (lower case, a trailing <c>'s</c> removed), or null when it is not
    /// a plain word to look up: not ASCII letters (with one apostrophe), or an acronym (two or more
    /// capitals, perhaps a plural s: JSON, DTOs). Identifiers in running text (camelCase) are looked
    /// up, and mostly missed: machine gibberish is full of them.
    /// </summary>
    public static string? DictionaryForm(string word)
    {
        var core = Core(word);
        if (!PlainWord().IsMatch(core) || Acronym().IsMatch(core))
        {
            return null;
        }

        var lower = core.ToLowerInvariant();
        return lower.EndsWith("'s", StringComparison.Ordinal) ? lower[..^2] : lower;
    }

    [GeneratedRegex(@"```[^\n]*\n.*?```", RegexOptions.Singleline)]
    internal static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\b(?:https?|ftp)://\S+|\bwww\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^[A-Za-z]+(?:'[A-Za-z]+)?$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"^[A-Z]{2,}(?:s|'s)?$")]
    private static partial Regex Acronym();
}
