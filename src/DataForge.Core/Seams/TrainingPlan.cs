namespace DataForge.Core.Seams;

/// <summary>How a fresh trainable model trains: AdamW with linear warm-up and cosine decay to a floor, optionally LoRA.</summary>
/// <remarks>
/// Defaults: learning rate 2e-5, warm-up 3% of the steps, decay to 10% of the peak, betas (0.9, 0.999),
/// ε 1e-8, weight decay 0, clipping at norm 1, full fine-tuning, examples cut at 1,024 tokens.
/// </remarks>
public sealed record TrainingPlan
{
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Optimizer steps the schedule spans.</summary>
    public int TotalSteps { get; init; } = 1000;

    /// <summary>Steps of linear warm-up (null: 3% of <see cref="TotalSteps"/>).</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>The learning rate at the end, as a share of the peak (1: constant after warm-up).</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Gradient-norm clip (0: off).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>LoRA adapters to train instead of all weights (null: full fine-tuning).</summary>
    public LoraPlan? Lora { get; init; }

    /// <summary>Most tokens of one example (prompt and response together); longer ones are cut at the end.</summary>
    public int MaxLength { get; init; } = 1024;
}

/// <summary>LoRA adapters of a <see cref="TrainingPlan"/>.</summary>
/// <param name="Rank">Adapter rank r.</param>
/// <param name="Alpha">Scaling numerator (the update is multiplied by alpha / r).</param>
/// <param name="Targets">Projection names (<c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c>, <c>gate_proj</c>, <c>up_proj</c>, <c>down_proj</c>).</param>
/// <param name="Seed">Seed of the adapters' initialisation.</param>
public sealed record LoraPlan(int Rank, double Alpha, IReadOnlyList<string> Targets, long Seed);
