using DataForge.Generation.Prompts;

namespace DataForge.Generation.Ensemble;

/// <summary>The three templates of <see cref="EnsembleInstructGenerator"/>: instruction generation and the two instance templates.</summary>
/// <param name="Instructions">The header of the numbered instruction list (<c>ensemble/instructions</c>).</param>
/// <param name="WithInput">The with-input instance template, ending with <c>instruction:</c>.</param>
/// <param name="OutputOnly">The output-only instance template, ending with <c>instruction:</c>.</param>
public sealed record EnsembleInstructTemplates(PromptTemplate Instructions, PromptTemplate WithInput, PromptTemplate OutputOnly)
{
    /// <summary>The file names a template folder may hold, each replacing the built-in template of that name.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["instructions.txt", "instances-with-input.txt", "instances-output-only.txt"];

    /// <summary>The built-in templates.</summary>
    public static EnsembleInstructTemplates BuiltIn { get; } = new(
        EnsembleTemplates.BuiltIn(EnsembleTemplates.InstructionsId),
        EnsembleTemplates.BuiltIn(EnsembleTemplates.WithInputId),
        EnsembleTemplates.BuiltIn(EnsembleTemplates.OutputOnlyId));

    /// <summary>
    /// The built-in templates, each replaced by the file of the same name in <paramref name="folder"/>
    /// when there is one (<see cref="FileNames"/>; the id of a replacement is <c>ensemble/</c> + its
    /// name, its hash its own content). Null: the built-in ones.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds none of the three files.</exception>
    public static EnsembleInstructTemplates Load(string? folder)
    {
        if (folder is null)
        {
            return BuiltIn;
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Template folder '{folder}' does not exist.");
        }

        if (!FileNames.Any(n => File.Exists(Path.Combine(folder, n))))
        {
            throw new ArgumentException($"Template folder '{folder}' holds none of {string.Join(", ", FileNames)}.", nameof(folder));
        }

        return new EnsembleInstructTemplates(
            Replaced(folder, BuiltIn.Instructions),
            Replaced(folder, BuiltIn.WithInput),
            Replaced(folder, BuiltIn.OutputOnly));
    }

    private static PromptTemplate Replaced(string folder, PromptTemplate builtIn)
    {
        var path = Path.Combine(folder, builtIn.Id["ensemble/".Length..] + ".txt");
        return File.Exists(path) ? new PromptTemplate(builtIn.Id, File.ReadAllText(path)) : builtIn;
    }
}
