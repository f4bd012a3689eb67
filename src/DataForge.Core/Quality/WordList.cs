using System.Collections.Frozen;

namespace DataForge.Core.Quality;

/// <summary>A word list for the dictionary rule: one word a line, compared in lower case.</summary>
public sealed class WordList
{
    private readonly FrozenSet<string> _words;

    /// <summary>Creates a list from words (any case).</summary>
    public WordList(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        _words = words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Distinct words.</summary>
    public int Count => _words.Count;

    /// <summary>True when the lower-case <paramref name="word"/> is on the list.</summary>
    public bool Contains(string word) => _words.Contains(word);

    /// <summary>Reads the files (UTF-8, one word a line) into one list.</summary>
    /// <exception cref="FileNotFoundException">A file does not exist; the message says how to install the default lists.</exception>
    public static WordList Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var words = new List<string>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"no word list {path}: install Debian's word lists (apt-get install wamerican wbritish; ./dataforge does it), name other files in 'dictionary', or add \"dictionary\" to 'skip'",
                    path);
            }

            words.AddRange(File.ReadLines(path));
        }

        return new WordList(words);
    }
}
