namespace DataForge.Scoring.Selection;

/// <summary>Options of <see cref="SelectStep"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Formula"/> | required | the score ranked by: one name (<c>ic_ifd</c>) or a linear combination |
/// | <see cref="Descending"/> | true | higher values first |
/// | <see cref="TopK"/> / <see cref="TopFraction"/> | none | keep this many / this share of the scored records |
/// | <see cref="Min"/> / <see cref="Max"/> | none | keep only values within these bounds (applied first) |
/// | <see cref="SourceQuotas"/> | none | at most this many kept records per source (<c>*</c>: every other source) |
/// </remarks>
public sealed record SelectOptions
{
    private readonly int? _topK;
    private readonly double? _topFraction;

    /// <summary>Creates options ranking by <paramref name="formula"/>.</summary>
    public SelectOptions(ScoreFormula formula)
    {
        Formula = formula ?? throw new ArgumentNullException(nameof(formula));
    }

    /// <summary>The value records are ranked by.</summary>
    public ScoreFormula Formula { get; }

    /// <summary>Higher values first (false: lower first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>Keep at most this many records (≥ 0).</summary>
    public int? TopK
    {
        get => _topK;
        init => _topK = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TopK), value, "must be 0 or more");
    }

    /// <summary>Keep this share of the scored records, rounded down (0..1).</summary>
    public double? TopFraction
    {
        get => _topFraction;
        init => _topFraction = value is null or (>= 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(TopFraction), value, "must be in 0..1");
    }

    /// <summary>Drop values below this.</summary>
    public double? Min { get; init; }

    /// <summary>Drop values above this.</summary>
    public double? Max { get; init; }

    /// <summary>Most kept records per source; the key <c>*</c> applies to sources not named.</summary>
    public IReadOnlyDictionary<string, int> SourceQuotas { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The short name used in reasons: the score's name, or <c>score</c> for a combination.</summary>
    public string Label => Formula.IsSingleScore ? Formula.Names[0] : "score";
}
