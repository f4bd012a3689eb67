using DataForge.Core.Steps;

namespace DataForge.Scoring.Less;

/// <summary>Options of <see cref="LessSelector"/> (defaults: the reference's, github.com/princeton-nlp/LESS).</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="WarmupFraction"/> | 0.05 | share of the pool drawn for warm-up training (at least one record) |
/// | <see cref="Epochs"/> | 4 | warm-up epochs; one checkpoint at the end of each |
/// | <see cref="LearningRate"/> | 2e-5 | peak rate; 3% linear warm-up, then decay to zero |
/// | <see cref="LoraRank"/> / <see cref="LoraAlpha"/> | 128 / 512 | LoRA adapters whose gradients are the features |
/// | <see cref="LoraTargets"/> | q_proj, k_proj, v_proj, o_proj | projections that get adapters |
/// | <see cref="BatchSize"/> | 32 | examples per optimizer step |
/// | <see cref="ProjectionDimension"/> | 8192 | feature length d after the Rademacher projection |
/// | <see cref="MaxLength"/> | 2048 | tokens of one example, prompt and response together |
/// | <see cref="KeepFraction"/> | 0.05 | share of the scored records kept, rounded down |
/// | <see cref="Keep"/> | none | records kept; replaces <see cref="KeepFraction"/> when set |
/// | <see cref="Preconditioning"/> | reference | Adam direction form: the reference code's, or the paper's with bias correction |
/// | <see cref="Datastore"/> | none | folder of the reusable feature datastore (none: the run's scratch folder) |
///
/// The reference's batch is 1 per device × 32 accumulation steps on 4 GPUs, an effective 128; the
/// default here is one batch of 32 per step. Its rate of 2e-5 suits Llama-2-7B; the embedded tiny
/// model needs about 1e-3 for the warm-up to move its adapters, and a smaller rank (8 to 32) and
/// dimension (1024 to 2048) keep the projection cheap on a CPU.
/// </remarks>
public sealed record LessSelectorOptions
{
    private readonly double _warmupFraction = 0.05;
    private readonly int _epochs = 4;
    private readonly double _learningRate = 2e-5;
    private readonly int _loraRank = 128;
    private readonly double _loraAlpha = 512;
    private readonly IReadOnlyList<string> _loraTargets = ["q_proj", "k_proj", "v_proj", "o_proj"];
    private readonly int _batchSize = 32;
    private readonly int _projectionDimension = RademacherProjector.DefaultDimension;
    private readonly int _maxLength = 2048;
    private readonly double _keepFraction = 0.05;
    private readonly int? _keep;

    /// <summary>The defaults.</summary>
    public static LessSelectorOptions Default { get; } = new();

    /// <summary>Share of the pool trained on during warm-up ((0, 1]).</summary>
    public double WarmupFraction
    {
        get => _warmupFraction;
        init => _warmupFraction = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(WarmupFraction), value, "must be in (0, 1]");
    }

    /// <summary>Warm-up epochs, one checkpoint each (1..100).</summary>
    public int Epochs
    {
        get => _epochs;
        init => _epochs = OptionGuard.InRange(value, 1, 100, nameof(Epochs));
    }

    /// <summary>Peak learning rate ((0, 1]).</summary>
    public double LearningRate
    {
        get => _learningRate;
        init => _learningRate = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be in (0, 1]");
    }

    /// <summary>LoRA rank r (1..4096).</summary>
    public int LoraRank
    {
        get => _loraRank;
        init => _loraRank = OptionGuard.InRange(value, 1, 4096, nameof(LoraRank));
    }

    /// <summary>LoRA scaling numerator (> 0; the update is multiplied by alpha / r).</summary>
    public double LoraAlpha
    {
        get => _loraAlpha;
        init => _loraAlpha = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LoraAlpha), value, "must be positive");
    }

    /// <summary>Projection names that get adapters (at least one).</summary>
    public IReadOnlyList<string> LoraTargets
    {
        get => _loraTargets;
        init => _loraTargets = value is { Count: > 0 } && value.All(t => !string.IsNullOrWhiteSpace(t)) ? value : throw new ArgumentException("at least one LoRA target is needed", nameof(LoraTargets));
    }

    /// <summary>Examples per optimizer step (1..4096).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = OptionGuard.InRange(value, 1, 4096, nameof(BatchSize));
    }

    /// <summary>Feature length d (16..1,048,576).</summary>
    public int ProjectionDimension
    {
        get => _projectionDimension;
        init => _projectionDimension = OptionGuard.InRange(value, 16, 1 << 20, nameof(ProjectionDimension));
    }

    /// <summary>Most tokens of one example (1..1,048,576); longer ones are cut at the end.</summary>
    public int MaxLength
    {
        get => _maxLength;
        init => _maxLength = OptionGuard.InRange(value, 1, 1 << 20, nameof(MaxLength));
    }

    /// <summary>Share of the scored records kept, rounded down ([0, 1]).</summary>
    public double KeepFraction
    {
        get => _keepFraction;
        init => _keepFraction = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(KeepFraction), value, "must be in [0, 1]");
    }

    /// <summary>Records kept (≥ 0); null: <see cref="KeepFraction"/> of the scored records.</summary>
    public int? Keep
    {
        get => _keep;
        init => _keep = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Keep), value, "must be 0 or more");
    }

    /// <summary>The candidates' Adam direction form.</summary>
    public LessPreconditioning Preconditioning { get; init; } = LessPreconditioning.Reference;

    /// <summary>Folder of the feature datastore, reused by later runs over the same pool (null: the run's scratch folder, not reused).</summary>
    public string? Datastore { get; init; }
}
