namespace DataForge.Storage.Readers;

/// <summary>Turns the configured path into the ordered list of files to read, and the files of a folder that are not read.</summary>
internal static class InputWalker
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.System,
    };

    /// <summary>A file: that file. A folder: every readable file below it, in ordinal order of relative path.</summary>
    public static IReadOnlyList<InputFile> Collect(string path, RecordReaderOptions options) => Walk(path, options).Files;

    /// <summary>
    /// The files to read and, for a folder, each file left out with why (relative to the folder, ordinal
    /// order). A folder whose <c>README.md</c> has <c>configs</c> is read as a dataset (see <see cref="DatasetFolder"/>).
    /// </summary>
    public static (IReadOnlyList<InputFile> Files, IReadOnlyList<string> Skipped) Walk(string path, RecordReaderOptions options)
    {
        var full = Path.GetFullPath(path);
        var chosen = (options.Config ?? options.Split) is not null;
        if (File.Exists(full))
        {
            var baseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(full)!;
            return chosen ? throw DatasetFolder.NoCard(path, options) : ([Classify(full, baseDirectory, options) ?? throw Unreadable(full, options)], []);
        }

        if (Directory.Exists(full))
        {
            if (DatasetCard.Read(full) is { } configs)
            {
                return DatasetFolder.Walk(full, configs, options.BaseDirectory ?? full, options);
            }

            return chosen ? throw DatasetFolder.NoCard(path, options) : WalkFolder(full, options.BaseDirectory ?? full, options);
        }

        throw Path.HasExtension(full)
            ? new FileNotFoundException($"The input file '{path}' does not exist.", full)
            : new DirectoryNotFoundException($"The input folder '{path}' does not exist.");
    }

    /// <summary>Every file below <paramref name="folder"/> (hidden ones too) as its relative path with '/' separators and its full path.</summary>
    internal static IEnumerable<(string Relative, string Full)> Files(string folder)
        => Directory.EnumerateFiles(folder, "*", Recursive).Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), f));

    private static (IReadOnlyList<InputFile> Files, IReadOnlyList<string> Skipped) WalkFolder(string folder, string baseDirectory, RecordReaderOptions options)
    {
        var filter = new InputFilter(options.Include, options.Exclude);
        var files = new List<InputFile>();
        var skipped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relative, file) in Files(folder))
        {
            if (HiddenPart(relative) is { } hidden)
            {
                skipped.TryAdd(hidden, "hidden");
            }
            else if (filter.Refusal(relative, file) is { } refusal)
            {
                skipped[relative] = refusal;
            }
            else if (Classify(file, baseDirectory, options) is { } input)
            {
                files.Add(input);
            }
            else
            {
                skipped[relative] = "not a readable type";
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return (files, [.. skipped.Select(s => $"{s.Key} ({s.Value})")]);
    }

    /// <summary>The input file of <paramref name="file"/> by its extension; null when it is not a readable type.</summary>
    internal static InputFile? Classify(string file, string baseDirectory, RecordReaderOptions options)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), file).Replace('\\', '/');
        var extension = Path.GetExtension(file);
        var compression = extension.ToLowerInvariant() switch
        {
            ".gz" => InputCompression.Gzip,
            ".zst" => InputCompression.Zstd,
            _ => InputCompression.None,
        };
        var inner = compression == InputCompression.None ? extension : Path.GetExtension(Path.GetFileNameWithoutExtension(file));
        InputFileKind? kind = inner.ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => InputFileKind.Jsonl,
            ".json" => InputFileKind.JsonArray,
            ".csv" => InputFileKind.Csv,
            ".tsv" => InputFileKind.Tsv,
            ".parquet" when compression == InputCompression.None => InputFileKind.Parquet,
            _ => null,
        };
        if (kind is { } dataKind)
        {
            return new InputFile(file, relative, dataKind, null) { Compression = compression };
        }

        return compression == InputCompression.None && options.CodeExtensions.TryGetValue(extension, out var language)
            ? new InputFile(file, relative, InputFileKind.Code, language)
            : null;
    }

    // The first segment starting with '.', with a '/' after it when it is a folder.
    internal static string? HiddenPart(string relativePath)
    {
        var segments = relativePath.Split('/');
        var index = Array.FindIndex(segments, segment => segment.StartsWith('.'));
        return index < 0 ? null : string.Join('/', segments[..(index + 1)]) + (index < segments.Length - 1 ? "/" : string.Empty);
    }

    private static ArgumentException Unreadable(string file, RecordReaderOptions options)
        => new($"The input file '{file}' is not a readable type: expected .jsonl, .ndjson, .json, .csv, .tsv (each also as .gz or .zst), .parquet or a code file ({string.Join(", ", options.CodeExtensions.Keys.Order(StringComparer.Ordinal))}).");
}
