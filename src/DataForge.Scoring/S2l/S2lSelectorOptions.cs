using DataForge.Core.Options;

namespace DataForge.Scoring.S2l;

/// <summary>Options of <see cref="S2lSelector"/> (defaults: the reference's, github.com/BigML-CS-UCLA/S2L, where it has one).</summary>
/// <remarks>
/// Set exactly one of <see cref="Budget"/> and <see cref="Fraction"/> (above 0); the step refuses options with neither or both.
///
/// Each option's key, default and meaning: its <see cref="OptionAttribute"/> below (docs/reference.md lists them).
/// Proxy training's learning rate rises linearly over the first 3% of steps, then follows a cosine decay to zero
/// (the reference's schedule); <see cref="Fraction"/> is rounded to the nearest count, and the k-means K is clamped
/// to the distinct trajectories of each stratum.
///
/// The reference's rate of 2e-5 suits its 70M-parameter proxy; the embedded tiny model needs a much
/// higher one (about 1e-3) for its losses to move at all, and flat trajectories cluster on noise.
/// </remarks>
public sealed record S2lSelectorOptions : IOptionsCheck
{
    /// <summary>The defaults (no budget yet: set <see cref="Budget"/> or <see cref="Fraction"/>).</summary>
    public static S2lSelectorOptions Default { get; } = new();

    /// <summary>The model trained as the proxy (a <c>[models.NAME]</c> entry).</summary>
    [Option("proxy", "the model trained as the proxy (a torch or tiny model: one that can be trained; validate reports another backend as DF1022)", Kind = OptionKind.ModelRef, Trainable = true, Required = true)] public string Proxy { get; init; } = "";

    /// <summary>Records to keep; null when <see cref="Fraction"/> is used.</summary>
    [Option("budget", "records to keep (set this or fraction)", Min = 1, Max = int.MaxValue)] public int? Budget { get; init; }

    /// <summary>Share of the pool to keep ((0, 1]), rounded to the nearest count; null when <see cref="Budget"/> is used.</summary>
    [Option("fraction", "share of the pool to keep, rounded to the nearest count (set this or budget)", Min = 0, Max = 1)] public double? Fraction { get; init; }

    /// <summary>Loss recordings per example, T; clamped to the number of optimizer steps.</summary>
    [Option("checkpoints", "loss recordings per record (T), evenly spaced over the training", Min = 1, Max = 1000)] public int Checkpoints { get; init; } = 12;

    /// <summary>K of k-means; clamped to the distinct trajectories of each stratum.</summary>
    [Option("clusters", "k-means clusters K, clamped to the distinct trajectories of each source", Min = 1, Max = 1_000_000)] public int Clusters { get; init; } = 100;

    /// <summary>Passes of proxy training over the pool.</summary>
    [Option("epochs", "proxy training epochs", Min = 1, Max = 1000)] public int Epochs { get; init; } = 3;

    /// <summary>Examples per optimizer step, and per loss evaluation call.</summary>
    [Option("batch_size", "examples per optimizer step", Min = 1, Max = 4096)] public int BatchSize { get; init; } = 8;

    /// <summary>Peak learning rate of proxy training.</summary>
    [Option("learning_rate", "peak learning rate of the proxy (the tiny model needs about 1e-3)", Min = 1e-12, Max = 1)] public double LearningRate { get; init; } = 2e-5;

    /// <summary>Most tokens of one training example; longer ones are cut at the end.</summary>
    [Option("max_length", "most tokens of one training example", Min = 1, Max = 1 << 20)] public int MaxLength { get; init; } = 512;

    /// <summary>Allocate the budget over sources (<c>origin</c>) before clusters (the reference's code; not in the paper).</summary>
    [Option("stratify", "split the budget over sources (the read step a record came from) before clusters")] public bool Stratify { get; init; } = true;

    /// <summary>The budget for a pool of <paramref name="poolSize"/> records.</summary>
    public int BudgetFor(int poolSize)
        => Budget ?? (int)Math.Round((Fraction ?? 0) * poolSize, MidpointRounding.AwayFromZero);

    /// <inheritdoc/>
    public OptionProblem? Check() => (Budget, Fraction) switch
    {
        (null, null) => new("budget", "set one of 'budget' (a count) and 'fraction' (a share of the pool)"),
        (not null, not null) => new("fraction", "set only one of 'budget' and 'fraction'"),
        (null, <= 0) => new("fraction", "'fraction' must be above 0"),
        _ => null,
    };
}
