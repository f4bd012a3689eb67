using System.Collections.Frozen;

namespace DataForge.Storage.Readers;

/// <summary>How <see cref="RecordReader"/> reads input files; immutable, validated on <c>init</c>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default</description></listheader>
/// <item><term><see cref="MaxFieldBytes"/></term><description>1 MiB (1,048,576 UTF-8 bytes)</description></item>
/// <item><term><see cref="MaxLineBytes"/></term><description>16 MiB</description></item>
/// <item><term><see cref="MaxJsonFileBytes"/></term><description>256 MiB</description></item>
/// <item><term><see cref="BaseDirectory"/></term><description>null: the folder read, or the file's folder</description></item>
/// <item><term><see cref="Origin"/></term><description>null</description></item>
/// <item><term><see cref="Limit"/></term><description>null: no limit</description></item>
/// <item><term><see cref="CodeExtensions"/></term><description><see cref="DefaultCodeExtensions"/></description></item>
/// <item><term><see cref="Fields"/></term><description><see cref="FieldNames.Default"/>: every field under its own name</description></item>
/// <item><term><see cref="Include"/>, <see cref="Exclude"/></term><description>null: <see cref="InputFilter.DefaultInclude"/>, <see cref="InputFilter.DefaultExclude"/></description></item>
/// <item><term><see cref="Config"/>, <see cref="Split"/></term><description>null: the dataset card's default config, all its splits</description></item>
/// <item><term><see cref="CodeInstruction"/></term><description>empty: no instruction for a code file that describes nothing</description></item>
/// <item><term><see cref="ScratchDirectory"/></term><description>null: the system's temporary folder</description></item>
/// <item><term><see cref="Notice"/></term><description>null: notices are dropped</description></item>
/// </list>
/// </remarks>
public sealed record RecordReaderOptions
{
    private readonly int _maxFieldBytes = 1 << 20;
    private readonly int _maxLineBytes = 16 << 20;
    private readonly long _maxJsonFileBytes = 256L << 20;
    private readonly long? _limit;
    private readonly IReadOnlyDictionary<string, string> _codeExtensions = DefaultCodeExtensions;

    /// <summary>The default map from file extension (with its dot) to language; matched case-insensitively.</summary>
    public static IReadOnlyDictionary<string, string> DefaultCodeExtensions { get; } = new Dictionary<string, string>
    {
        [".py"] = "python", [".cs"] = "csharp", [".js"] = "javascript", [".ts"] = "typescript",
        [".java"] = "java", [".go"] = "go", [".rs"] = "rust", [".c"] = "c", [".h"] = "c",
        [".cpp"] = "cpp", [".cc"] = "cpp", [".hpp"] = "cpp", [".rb"] = "ruby", [".php"] = "php",
        [".kt"] = "kotlin", [".swift"] = "swift", [".sh"] = "bash", [".sql"] = "sql",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Declared after DefaultCodeExtensions: static initializers run in text order.

    /// <summary>The defaults.</summary>
    public static RecordReaderOptions Default { get; } = new();

    /// <summary>Largest string field, in UTF-8 bytes; a longer one rejects the record as <c>field_too_large</c>.</summary>
    public int MaxFieldBytes { get => _maxFieldBytes; init => _maxFieldBytes = Positive(value, nameof(MaxFieldBytes)); }

    /// <summary>Longest JSONL line, in bytes; a longer one is rejected as <c>line_too_large</c> without being buffered whole.</summary>
    public int MaxLineBytes
    {
        get => _maxLineBytes;
        init => _maxLineBytes = value < Array.MaxLength - 2 ? Positive(value, nameof(MaxLineBytes)) : throw TooLarge(value, nameof(MaxLineBytes));
    }

    /// <summary>Largest <c>.json</c> file, which is read whole; a larger one is rejected as <c>file_too_large</c>.</summary>
    public long MaxJsonFileBytes
    {
        get => _maxJsonFileBytes;
        init => _maxJsonFileBytes = value <= Array.MaxLength ? Positive(value, nameof(MaxJsonFileBytes)) : throw TooLarge(value, nameof(MaxJsonFileBytes));
    }

    /// <summary>The folder that <see cref="Core.Records.Sample.Source"/> paths are relative to (written with '/').</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Name of the read step, written into <see cref="Core.Records.Sample.Origin"/>.</summary>
    public string? Origin { get; init; }

    /// <summary>Stop after this many kept records across all files; null reads everything.</summary>
    public long? Limit
    {
        get => _limit;
        init => _limit = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Limit), value, "Limit must be zero or more.");
    }

    /// <summary>File extension (with its dot) to language, for code files read as one record each.</summary>
    public IReadOnlyDictionary<string, string> CodeExtensions
    {
        get => _codeExtensions;
        init => _codeExtensions = CheckExtensions(value);
    }

    /// <summary>The input field each record field is read from.</summary>
    public FieldNames Fields { get; init; } = FieldNames.Default;

    /// <summary>Glob patterns of relative paths read in a folder; null: every file of a known type.</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Glob patterns of relative paths never read in a folder; null: model and run-folder metadata files.</summary>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>The config of a dataset folder's card to read; null: its default config.</summary>
    public string? Config { get; init; }

    /// <summary>The split of that config to read; null: all its splits.</summary>
    public string? Split { get; init; }

    /// <summary>The instruction template of a code file whose program describes nothing (<c>{language}</c>, <c>{file}</c>, <c>{name}</c>).</summary>
    public string CodeInstruction { get; init; } = string.Empty;

    /// <summary>Where compressed inputs are decompressed while they are read; null: the system's temporary folder.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Receives notices for the user (the files of a folder that are not read).</summary>
    public Action<string>? Notice { get; init; }

    internal static int Positive(int value, string name)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    internal static long Positive(long value, string name)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    private static ArgumentOutOfRangeException TooLarge(long value, string name)
        => new(name, value, $"{name} must be less than {Array.MaxLength - 2}.");

    private static FrozenDictionary<string, string> CheckExtensions(IReadOnlyDictionary<string, string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var (extension, language) in value)
        {
            if (extension.Length < 2 || extension[0] != '.' || string.IsNullOrWhiteSpace(language))
            {
                throw new ArgumentException($"Code extension '{extension}' → '{language}' is invalid: write '.ext' and a language name.", nameof(value));
            }
        }

        return value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
