using System.Text;
using DataForge.Core.Records;

namespace DataForge.Generation.Ensemble;

/// <summary>A prompt template: a stable id, its text, and the content hash that goes into <c>prompt_id</c> and cache keys.</summary>
public sealed record EnsemblePromptTemplate
{
    /// <summary>Id of the built-in instruction-generation template.</summary>
    public const string InstructionsId = "ensemble/instructions";

    /// <summary>Id of the built-in with-input instance template.</summary>
    public const string WithInputId = "ensemble/instances-with-input";

    /// <summary>Id of the built-in output-only instance template.</summary>
    public const string OutputOnlyId = "ensemble/instances-output-only";

    /// <summary>Creates a template from its id and text (line ends normalized to <c>\n</c>).</summary>
    public EnsemblePromptTemplate(string id, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Id = id;
        Text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        Hash = SampleId.Hash(Encoding.UTF8.GetBytes(Text))[..16];
    }

    /// <summary>The stable id (<c>ensemble/instances-with-input</c>, or a user file's name).</summary>
    public string Id { get; }

    /// <summary>The template text.</summary>
    public string Text { get; }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Text"/>.</summary>
    public string Hash { get; }

    /// <summary><c>id@hash</c>, the <c>prompt_id</c> of records made with it.</summary>
    public string PromptId => $"{Id}@{Hash}";

    /// <summary>
    /// A built-in template (<see cref="InstructionsId"/>, <see cref="WithInputId"/>, <see cref="OutputOnlyId"/>),
    /// read from the assembly's embedded <c>Prompts/ensemble/*.txt</c>.
    /// </summary>
    public static EnsemblePromptTemplate BuiltIn(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var resource = "DataForge.Generation.Prompts." + id.Replace('/', '.') + ".txt";
        using var stream = typeof(EnsemblePromptTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"no built-in template '{id}' (embedded resource {resource})", nameof(id));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new EnsemblePromptTemplate(id, reader.ReadToEnd());
    }

    /// <summary>The built-in instance template of a task type.</summary>
    public static EnsemblePromptTemplate BuiltInInstances(EnsembleTaskType type)
        => BuiltIn(type == EnsembleTaskType.WithInput ? WithInputId : OutputOnlyId);
}
