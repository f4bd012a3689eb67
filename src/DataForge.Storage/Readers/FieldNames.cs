using System.Text;

namespace DataForge.Storage.Readers;

/// <summary>
/// The input field (or column) each record field is read from: by default the field of the same
/// name; the <c>read</c> step's <c>fields</c> option renames them (<c>"instruction=prompt"</c>).
/// </summary>
public sealed class FieldNames
{
    /// <summary>The record fields that may be renamed, in a fixed order.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["instruction", "input", "output", "language", "messages", "conversations"];

    private readonly string[] _sources;

    private FieldNames(string[] sources)
    {
        _sources = sources;
        Utf8 = [.. sources.Select(s => Encoding.UTF8.GetBytes(s))];
    }

    /// <summary>Every field read under its own name.</summary>
    public static FieldNames Default { get; } = new([.. Targets]);

    /// <summary>The source field of <c>instruction</c>.</summary>
    public string Instruction => _sources[0];

    /// <summary>The source field of <c>input</c>.</summary>
    public string Input => _sources[1];

    /// <summary>The source field of <c>output</c>.</summary>
    public string Output => _sources[2];

    /// <summary>The source field of <c>language</c>.</summary>
    public string Language => _sources[3];

    /// <summary>The source field of a chat <c>messages</c> conversation (<c>role</c>/<c>content</c>).</summary>
    public string Messages => _sources[4];

    /// <summary>The source field of a ShareGPT <c>conversations</c> conversation (<c>from</c>/<c>value</c>).</summary>
    public string Conversations => _sources[5];

    /// <summary>The source names as UTF-8, in the order of <see cref="Targets"/>.</summary>
    internal byte[][] Utf8 { get; }

    /// <summary>
    /// Parses <c>"target=source"</c> entries; targets not named keep their own name.
    /// </summary>
    /// <exception cref="FormatException">An entry is not <c>target=source</c>, names an unknown target, repeats a target, or two targets read one source.</exception>
    public static FieldNames Parse(IEnumerable<string>? entries)
    {
        var sources = Targets.ToArray();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries ?? [])
        {
            var at = entry.IndexOf('=', StringComparison.Ordinal);
            var target = at < 0 ? string.Empty : entry[..at].Trim();
            var source = at < 0 ? string.Empty : entry[(at + 1)..].Trim();
            var index = Array.IndexOf([.. Targets], target);
            if (index < 0 || source.Length == 0)
            {
                throw new FormatException($"'{entry}' is not TARGET=SOURCE with TARGET one of {string.Join(", ", Targets)}");
            }

            if (!named.Add(target))
            {
                throw new FormatException($"'{target}' is renamed twice");
            }

            sources[index] = source;
        }

        var duplicate = sources.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new FieldNames(sources)
            : throw new FormatException($"'{duplicate.Key}' is read into two fields");
    }

    /// <summary>Whether every field is read under its own name.</summary>
    public bool IsDefault => _sources.SequenceEqual(Targets, StringComparer.Ordinal);
}
