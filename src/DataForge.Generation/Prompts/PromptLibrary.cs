using System.Reflection;

namespace DataForge.Generation.Prompts;

/// <summary>
/// The prompt templates a step can use: the built-in ones (embedded <c>Prompts/evol/*.txt</c>),
/// optionally overridden by a user folder whose <c>.txt</c> files replace the built-in ones of the
/// same name (and may add new ones).
/// </summary>
public sealed class PromptLibrary
{
    private const string ResourcePrefix = "DataForge.Generation.Prompts.evol.";
    private readonly Dictionary<string, PromptTemplate> _templates;

    private PromptLibrary(Dictionary<string, PromptTemplate> templates) => _templates = templates;

    /// <summary>The built-in templates.</summary>
    public static PromptLibrary BuiltIn { get; } = new(LoadEmbedded());

    /// <summary>Every template id, sorted.</summary>
    public IReadOnlyList<string> Ids => [.. _templates.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The built-in templates overridden by the <c>.txt</c> files of <paramref name="folder"/> (null: built-in only).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static PromptLibrary Load(string? folder)
    {
        if (folder is null)
        {
            return BuiltIn;
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Template folder '{folder}' does not exist.");
        }

        var templates = new Dictionary<string, PromptTemplate>(BuiltIn._templates, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            templates[id] = new PromptTemplate(id, File.ReadAllText(file));
        }

        return new PromptLibrary(templates);
    }

    /// <summary>A copy with <paramref name="template"/> added or replacing the one of the same id.</summary>
    public PromptLibrary With(PromptTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new PromptLibrary(new Dictionary<string, PromptTemplate>(_templates, StringComparer.Ordinal) { [template.Id] = template });
    }

    /// <summary>The template with <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No template has that id.</exception>
    public PromptTemplate Get(string id)
        => _templates.TryGetValue(id, out var template)
            ? template
            : throw new ArgumentException($"No prompt template '{id}' (known: {string.Join(", ", Ids)}).", nameof(id));

    private static Dictionary<string, PromptTemplate> LoadEmbedded()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var templates = new Dictionary<string, PromptTemplate>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var id = name[ResourcePrefix.Length..^".txt".Length];
            templates[id] = new PromptTemplate(id, Read(assembly, name));
        }

        return templates;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
