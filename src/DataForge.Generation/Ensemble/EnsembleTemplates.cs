using System.Text;
using DataForge.Generation.Prompts;

namespace DataForge.Generation.Ensemble;

/// <summary>The built-in Ensemble-Instruct prompt templates (embedded <c>Prompts/ensemble/*.txt</c>), as <see cref="PromptTemplate"/>s.</summary>
public static class EnsembleTemplates
{
    /// <summary>Id of the built-in instruction-generation template.</summary>
    public const string InstructionsId = "ensemble/instructions";

    /// <summary>Id of the built-in with-input instance template.</summary>
    public const string WithInputId = "ensemble/instances-with-input";

    /// <summary>Id of the built-in output-only instance template.</summary>
    public const string OutputOnlyId = "ensemble/instances-output-only";

    /// <summary>A built-in template (<see cref="InstructionsId"/>, <see cref="WithInputId"/>, <see cref="OutputOnlyId"/>).</summary>
    public static PromptTemplate BuiltIn(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var resource = "DataForge.Generation.Prompts." + id.Replace('/', '.') + ".txt";
        using var stream = typeof(EnsembleTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"no built-in template '{id}' (embedded resource {resource})", nameof(id));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new PromptTemplate(id, reader.ReadToEnd());
    }

    /// <summary>The built-in instance template of a task type.</summary>
    public static PromptTemplate BuiltInInstances(EnsembleTaskType type)
        => BuiltIn(type == EnsembleTaskType.WithInput ? WithInputId : OutputOnlyId);
}
