using DataForge.Core.Options;

namespace DataForge.Storage.Readers;

/// <summary>Options of <see cref="ReadStep"/> (pipeline step type <c>read</c>).</summary>
/// <remarks>
/// The keys are <see cref="Path"/> (<c>path</c>, required), <see cref="MaxFieldBytes"/>
/// (<c>max_field_bytes</c>), <see cref="Include"/> (<c>include</c>), <see cref="Exclude"/>
/// (<c>exclude</c>), <see cref="Fields"/> (<c>fields</c>, a list of <c>"target=source"</c>
/// strings, as pipeline options have no map type), <see cref="Config"/> (<c>config</c>),
/// <see cref="Split"/> (<c>split</c>) and <see cref="CodeInstruction"/> (<c>code_instruction</c>). <see cref="BaseDirectory"/>, <see cref="MaxLineBytes"/> and
/// <see cref="Limit"/> are not pipeline keys: the step's factory sets the base folder and the limit
/// from the run (the pipeline file's folder, <c>run.limit</c> / <c>--limit</c>).
/// </remarks>
public sealed record ReadStepOptions : IOptionsCheck
{
    /// <summary>The file or folder to read; the factory replaces the pipeline's relative path with the resolved one.</summary>
    [Option("path", "file or folder to read, relative to the pipeline file", Kind = OptionKind.Path, Required = true)] public string? Path { get; init; }

    /// <summary>Largest string field in UTF-8 bytes (<c>field_too_large</c> beyond).</summary>
    [Option("max_field_bytes", "a string field, or the JSON of a field kept in meta.extra, longer than this (UTF-8 bytes) rejects the record as field_too_large", Min = 1, Max = int.MaxValue)] public int MaxFieldBytes { get; init; } = RecordReaderOptions.Default.MaxFieldBytes;

    /// <summary>Glob patterns of the files read in a folder (relative to it); null: every file of a known type.</summary>
    [Option("include", "glob patterns of the files read in a folder, relative to it (* ? **; a pattern with no '/' matches a file name at any depth); default: every file of a known type")] public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Glob patterns of files never read in a folder, besides model metadata and a run folder's manifest.</summary>
    [Option("exclude", "glob patterns of files not read in a folder; tokenizer.json, config.json, tokenizer_config.json, generation_config.json and a run folder's manifest.json are never read")] public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Renamed input fields, <c>"target=source"</c> (<c>"instruction=prompt"</c>).</summary>
    [Option("fields", "\"TARGET=SOURCE\" entries: read TARGET (instruction, input, output, language, messages, conversations) from the input field or column SOURCE")] public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>The config of a Hugging Face dataset folder (its README.md <c>configs</c>); null: the default one.</summary>
    [Option("config", "for a folder whose README.md front matter has Hugging Face configs: the config read (default: the one marked default: true, else the one named default, else the only one)")] public string? Config { get; init; }

    /// <summary>The split of that config; null: all of them.</summary>
    [Option("split", "for such a folder: the split of the config read (default: all its splits, in the card's order)")] public string? Split { get; init; }

    /// <summary>The instruction of a code file whose program describes nothing (no Python docstring, no C# summary).</summary>
    [Option("code_instruction", "instruction of a code file with no Python docstring or C# type summary; {language}, {file} (path as in source) and {name} (file name) are filled in; empty leaves it empty")] public string CodeInstruction { get; init; } = string.Empty;

    /// <summary>The folder that <c>source</c> paths are written relative to (the pipeline file's folder); null: the folder read, or the file's folder.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Longest JSON Lines line in bytes (<c>line_too_large</c> beyond); 16 MiB by default.</summary>
    public int MaxLineBytes { get; init; } = RecordReaderOptions.Default.MaxLineBytes;

    /// <summary>Stop after this many kept records; null reads everything.</summary>
    public long? Limit { get; init; }

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        foreach (var (key, patterns) in new[] { ("include", Include), ("exclude", Exclude) })
        {
            if ((patterns ?? []).Select(InputFilter.Problem).FirstOrDefault(p => p is not null) is { } problem)
            {
                return new(key, problem);
            }
        }

        if (Code.CodeInstruction.Problem(CodeInstruction) is { } template)
        {
            return new("code_instruction", template);
        }

        try
        {
            FieldNames.Parse(Fields);
            return null;
        }
        catch (FormatException e)
        {
            return new("fields", e.Message);
        }
    }

    /// <summary>The reader options of a run's step.</summary>
    internal RecordReaderOptions ToReaderOptions(Core.Steps.StepContext context) => ToReaderOptions(context.StepName) with
    {
        ScratchDirectory = context.ScratchDirectory,
        Notice = context.Note,
    };

    /// <summary>The reader options for a step named <paramref name="origin"/>.</summary>
    internal RecordReaderOptions ToReaderOptions(string origin) => new()
    {
        Include = Include,
        Exclude = Exclude,
        Fields = FieldNames.Parse(Fields),
        Config = Config,
        Split = Split,
        CodeInstruction = CodeInstruction,
        BaseDirectory = BaseDirectory,
        MaxFieldBytes = MaxFieldBytes,
        MaxLineBytes = MaxLineBytes,
        Limit = Limit,
        Origin = origin,
    };
}
