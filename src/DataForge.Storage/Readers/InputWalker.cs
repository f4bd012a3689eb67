namespace DataForge.Storage.Readers;

/// <summary>Turns the configured path into the ordered list of files to read.</summary>
internal static class InputWalker
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>A file: that file. A folder: every readable file below it, in ordinal order of relative path.</summary>
    public static IReadOnlyList<InputFile> Collect(string path, RecordReaderOptions options)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var baseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(full)!;
            return [Classify(full, baseDirectory, options) ?? throw Unreadable(full, options)];
        }

        if (Directory.Exists(full))
        {
            return Walk(full, options.BaseDirectory ?? full, options);
        }

        throw Path.HasExtension(full)
            ? new FileNotFoundException($"The input file '{path}' does not exist.", full)
            : new DirectoryNotFoundException($"The input folder '{path}' does not exist.");
    }

    private static List<InputFile> Walk(string folder, string baseDirectory, RecordReaderOptions options)
    {
        var files = new List<InputFile>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", Recursive))
        {
            if (!IsHidden(Path.GetRelativePath(folder, file)) && Classify(file, baseDirectory, options) is { } input)
            {
                files.Add(input);
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static InputFile? Classify(string file, string baseDirectory, RecordReaderOptions options)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), file).Replace('\\', '/');
        var extension = Path.GetExtension(file);
        InputFileKind? kind = extension.ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => InputFileKind.Jsonl,
            ".json" => InputFileKind.JsonArray,
            ".parquet" => InputFileKind.Parquet,
            _ => null,
        };
        if (kind is { } dataKind)
        {
            return new InputFile(file, relative, dataKind, null);
        }

        return options.CodeExtensions.TryGetValue(extension, out var language)
            ? new InputFile(file, relative, InputFileKind.Code, language)
            : null;
    }

    private static bool IsHidden(string relativePath)
        => relativePath.Split('/', '\\').Any(segment => segment.StartsWith('.'));

    private static ArgumentException Unreadable(string file, RecordReaderOptions options)
        => new($"The input file '{file}' is not a readable type: expected .jsonl, .ndjson, .json, .parquet or a code file ({string.Join(", ", options.CodeExtensions.Keys.Order(StringComparer.Ordinal))}).");
}
