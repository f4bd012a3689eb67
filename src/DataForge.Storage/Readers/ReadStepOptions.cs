using DataForge.Core.Options;

namespace DataForge.Storage.Readers;

/// <summary>Options of <see cref="ReadStep"/> (pipeline step type <c>read</c>).</summary>
/// <remarks>
/// The keys are <see cref="Path"/> (<c>path</c>, required) and <see cref="MaxFieldBytes"/>
/// (<c>max_field_bytes</c>). <see cref="BaseDirectory"/>, <see cref="MaxLineBytes"/> and
/// <see cref="Limit"/> are not pipeline keys: the step's factory sets the base folder and the limit
/// from the run (the pipeline file's folder, <c>run.limit</c> / <c>--limit</c>).
/// </remarks>
public sealed record ReadStepOptions
{
    /// <summary>The file or folder to read; the factory replaces the pipeline's relative path with the resolved one.</summary>
    [Option("path", "file or folder to read, relative to the pipeline file", Kind = OptionKind.Path, Required = true)] public string? Path { get; init; }

    /// <summary>Largest string field in UTF-8 bytes (<c>field_too_large</c> beyond).</summary>
    [Option("max_field_bytes", "a string field longer than this (UTF-8 bytes) rejects the record as field_too_large", Min = 1, Max = int.MaxValue)] public int MaxFieldBytes { get; init; } = RecordReaderOptions.Default.MaxFieldBytes;

    /// <summary>The folder that <c>source</c> paths are written relative to (the pipeline file's folder); null: the folder read, or the file's folder.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Longest JSON Lines line in bytes (<c>line_too_large</c> beyond); 16 MiB by default.</summary>
    public int MaxLineBytes { get; init; } = RecordReaderOptions.Default.MaxLineBytes;

    /// <summary>Stop after this many kept records; null reads everything.</summary>
    public long? Limit { get; init; }

    /// <summary>The reader options for a step named <paramref name="origin"/>.</summary>
    internal RecordReaderOptions ToReaderOptions(string origin) => new()
    {
        BaseDirectory = BaseDirectory,
        MaxFieldBytes = MaxFieldBytes,
        MaxLineBytes = MaxLineBytes,
        Limit = Limit,
        Origin = origin,
    };
}
