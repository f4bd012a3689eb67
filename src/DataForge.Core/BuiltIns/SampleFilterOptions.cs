namespace DataForge.Core.BuiltIns;

/// <summary>Options of <see cref="SampleFilter"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Fraction"/> | 0.5 | the share of records kept, each decided by the record's own seeded generator |
/// </remarks>
public sealed record SampleFilterOptions
{
    private readonly double _fraction = 0.5;

    /// <summary>The defaults.</summary>
    public static SampleFilterOptions Default { get; } = new();

    /// <summary>Share kept, in [0, 1].</summary>
    public double Fraction
    {
        get => _fraction;
        init => _fraction = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Fraction), value, "must be in [0, 1]");
    }
}
