namespace DataForge.Core.BuiltIns;

/// <summary>Options of <see cref="LengthFilter"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="MinTokens"/> | 1 | fewer tokens than this: dropped as <c>too_short</c> |
/// | <see cref="MaxTokens"/> | 4096 | more tokens than this: dropped as <c>too_long</c> |
/// Tokens are counted over instruction + input + output (or the whole conversation).
/// </remarks>
public sealed record LengthFilterOptions
{
    private readonly int _minTokens = 1;
    private readonly int _maxTokens = 4096;

    /// <summary>The defaults.</summary>
    public static LengthFilterOptions Default { get; } = new();

    /// <summary>Minimum token count.</summary>
    public int MinTokens
    {
        get => _minTokens;
        init => _minTokens = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MinTokens), value, "must be at least 0");
    }

    /// <summary>Maximum token count.</summary>
    public int MaxTokens
    {
        get => _maxTokens;
        init => _maxTokens = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTokens), value, "must be at least 1");
    }
}
