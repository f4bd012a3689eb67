namespace DataForge.Storage.Readers;

/// <summary>Options of <see cref="ReadStep"/> (pipeline step type <c>read</c>); immutable, validated on <c>init</c>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option (TOML key)</term><description>Default</description></listheader>
/// <item><term><see cref="Path"/> (<c>path</c>)</term><description>required; resolved against the pipeline file's folder</description></item>
/// <item><term><see cref="BaseDirectory"/></term><description>null: the folder read, or the file's folder</description></item>
/// <item><term><see cref="MaxFieldBytes"/> (<c>max_field_bytes</c>)</term><description>1,048,576</description></item>
/// <item><term><see cref="MaxLineBytes"/> (<c>max_line_bytes</c>)</term><description>16,777,216</description></item>
/// <item><term><see cref="Limit"/> (<c>limit</c>)</term><description>null: every record</description></item>
/// </list>
/// </remarks>
public sealed record ReadStepOptions
{
    private readonly string _path = string.Empty;

    /// <summary>The file or folder to read, absolute or already resolved.</summary>
    public required string Path
    {
        get => _path;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Path));
            _path = value;
        }
    }

    /// <summary>The folder that <c>source</c> paths are written relative to (the pipeline file's folder).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Largest string field in UTF-8 bytes (<c>field_too_large</c> beyond).</summary>
    public int MaxFieldBytes { get; init => field = RecordReaderOptions.Positive(value, nameof(MaxFieldBytes)); } = RecordReaderOptions.Default.MaxFieldBytes;

    /// <summary>Longest JSON Lines line in bytes (<c>line_too_large</c> beyond).</summary>
    public int MaxLineBytes { get; init => field = RecordReaderOptions.Positive(value, nameof(MaxLineBytes)); } = RecordReaderOptions.Default.MaxLineBytes;

    /// <summary>Stop after this many kept records; null reads everything.</summary>
    public long? Limit
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Limit), value, "Limit must be zero or more.");
    }

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
