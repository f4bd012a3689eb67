using DataForge.Core.Steps;

namespace DataForge.Scoring.S2l;

/// <summary>Options of <see cref="S2lSelector"/> (defaults: the reference's, github.com/BigML-CS-UCLA/S2L, where it has one).</summary>
/// <remarks>
/// Set exactly one of <see cref="Budget"/> and <see cref="Fraction"/>; the step refuses options with neither or both.
///
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Budget"/> | none | records to keep |
/// | <see cref="Fraction"/> | none | share of the pool to keep, rounded to the nearest count |
/// | <see cref="Checkpoints"/> | 12 | trajectory length T: loss recordings, evenly spaced over the training |
/// | <see cref="Clusters"/> | 100 | K of k-means, clamped to the distinct trajectories of each stratum |
/// | <see cref="Epochs"/> | 3 | proxy training epochs |
/// | <see cref="BatchSize"/> | 8 | examples per optimizer step (the reference: 4 per device × 8 accumulation) |
/// | <see cref="LearningRate"/> | 2e-5 | peak rate; 3% linear warm-up, cosine decay to zero (the reference's schedule) |
/// | <see cref="MaxLength"/> | 512 | tokens of one example, prompt and response together |
/// | <see cref="Stratify"/> | true | allocate the budget over sources (<c>origin</c>) first, as the reference's code does |
///
/// The reference's rate of 2e-5 suits its 70M-parameter proxy; the embedded tiny model needs a much
/// higher one (about 1e-3) for its losses to move at all, and flat trajectories cluster on noise.
/// </remarks>
public sealed record S2lSelectorOptions
{
    private readonly int? _budget;
    private readonly double? _fraction;
    private readonly int _checkpoints = 12;
    private readonly int _clusters = 100;
    private readonly int _epochs = 3;
    private readonly int _batchSize = 8;
    private readonly double _learningRate = 2e-5;
    private readonly int _maxLength = 512;

    /// <summary>The defaults (no budget yet: set <see cref="Budget"/> or <see cref="Fraction"/>).</summary>
    public static S2lSelectorOptions Default { get; } = new();

    /// <summary>Records to keep (1..int.MaxValue); null when <see cref="Fraction"/> is used.</summary>
    public int? Budget
    {
        get => _budget;
        init => _budget = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Budget), value, "must be at least 1");
    }

    /// <summary>Share of the pool to keep ((0, 1]), rounded to the nearest count; null when <see cref="Budget"/> is used.</summary>
    public double? Fraction
    {
        get => _fraction;
        init => _fraction = value is null or (> 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(Fraction), value, "must be in (0, 1]");
    }

    /// <summary>Loss recordings per example, T (1..1000); clamped to the number of optimizer steps.</summary>
    public int Checkpoints
    {
        get => _checkpoints;
        init => _checkpoints = OptionGuard.InRange(value, 1, 1000, nameof(Checkpoints));
    }

    /// <summary>K of k-means (1..1,000,000); clamped to the distinct trajectories of each stratum.</summary>
    public int Clusters
    {
        get => _clusters;
        init => _clusters = OptionGuard.InRange(value, 1, 1_000_000, nameof(Clusters));
    }

    /// <summary>Passes of proxy training over the pool (1..1000).</summary>
    public int Epochs
    {
        get => _epochs;
        init => _epochs = OptionGuard.InRange(value, 1, 1000, nameof(Epochs));
    }

    /// <summary>Examples per optimizer step, and per loss evaluation call (1..4096).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = OptionGuard.InRange(value, 1, 4096, nameof(BatchSize));
    }

    /// <summary>Peak learning rate of proxy training ((0, 1]).</summary>
    public double LearningRate
    {
        get => _learningRate;
        init => _learningRate = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be in (0, 1]");
    }

    /// <summary>Most tokens of one training example (1..1,048,576); longer ones are cut at the end.</summary>
    public int MaxLength
    {
        get => _maxLength;
        init => _maxLength = OptionGuard.InRange(value, 1, 1 << 20, nameof(MaxLength));
    }

    /// <summary>Allocate the budget over sources (<c>origin</c>) before clusters (the reference's code; not in the paper).</summary>
    public bool Stratify { get; init; } = true;

    /// <summary>The budget for a pool of <paramref name="poolSize"/> records.</summary>
    public int BudgetFor(int poolSize)
        => _budget ?? (int)Math.Round((_fraction ?? 0) * poolSize, MidpointRounding.AwayFromZero);
}
