using System.Text;
using System.Text.RegularExpressions;

namespace DataForge.Storage.Readers;

/// <summary>
/// The <c>include</c> / <c>exclude</c> glob patterns of a folder read, matched against paths
/// relative to that folder with '/' separators: <c>*</c> any characters but '/', <c>?</c> one
/// such character, <c>**</c> any number of folders; a pattern with no '/' matches a file name in
/// any folder. The default exclusions always apply.
/// </summary>
internal sealed class InputFilter
{
    /// <summary>File names never read in a folder: model and tokenizer metadata.</summary>
    public static IReadOnlyList<string> DefaultExclude { get; } = ["tokenizer.json", "config.json", "tokenizer_config.json", "generation_config.json"];

    /// <summary>What is read when no <c>include</c> is given.</summary>
    public const string DefaultInclude = "every file of a known type";

    private readonly List<(string Pattern, Regex Regex)>? _include;
    private readonly List<(string Pattern, Regex Regex)> _exclude;

    public InputFilter(IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        _include = include is null ? null : [.. include.Select(p => (p, ToRegex(p)))];
        _exclude = [.. DefaultExclude.Concat(exclude ?? []).Select(p => (p, ToRegex(p)))];
    }

    /// <summary>Why the file at <paramref name="relative"/> (to the folder read) is not read; null when it is.</summary>
    public string? Refusal(string relative, string fullPath)
    {
        foreach (var (pattern, regex) in _exclude)
        {
            if (regex.IsMatch(relative))
            {
                return $"excluded by '{pattern}'";
            }
        }

        if (IsRunManifest(fullPath))
        {
            return "a run folder's manifest";
        }

        return _include is null || _include.Exists(p => p.Regex.IsMatch(relative)) ? null : "matches no include pattern";
    }

    /// <summary>Checks a pattern; the problem, or null.</summary>
    public static string? Problem(string pattern)
        => string.IsNullOrWhiteSpace(pattern) ? "a pattern is blank"
            : pattern.StartsWith('/') || pattern.Contains('\\', StringComparison.Ordinal) ? $"'{pattern}' must be a relative path with '/' separators"
            : null;

    private static bool IsRunManifest(string fullPath)
        => Path.GetFileName(fullPath) == "manifest.json" && Directory.Exists(Path.Combine(Path.GetDirectoryName(fullPath)!, "data"));

    /// <summary>
    /// The regular expression of a glob: <c>*</c>, <c>?</c> and <c>**</c> as above; with
    /// <paramref name="anyDepth"/> a pattern with no '/' matches a file name in any folder, else
    /// every pattern matches from the folder's root.
    /// </summary>
    internal static Regex ToRegex(string pattern, bool anyDepth = true)
    {
        var text = new StringBuilder(!anyDepth || pattern.Contains('/', StringComparison.Ordinal) ? "^" : "(^|/)");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                text.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                text.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
