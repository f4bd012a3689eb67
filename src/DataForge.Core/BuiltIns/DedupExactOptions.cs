namespace DataForge.Core.BuiltIns;

/// <summary>Options of <see cref="DedupExactFilter"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="ExpectedRecords"/> | 1 000 000 | pre-sizes the hash index (16 MB at the default); it grows past that if needed |
/// </remarks>
public sealed record DedupExactOptions
{
    private readonly long _expectedRecords = 1_000_000;

    /// <summary>The defaults.</summary>
    public static DedupExactOptions Default { get; } = new();

    /// <summary>How many distinct records to size the index for.</summary>
    public long ExpectedRecords
    {
        get => _expectedRecords;
        init => _expectedRecords = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ExpectedRecords), value, "must be at least 1");
    }
}
