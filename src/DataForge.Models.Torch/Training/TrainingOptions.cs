namespace DataForge.Models.Torch.Training;

/// <summary>Optimizer and schedule of a training run: AdamW, linear warm-up, cosine decay to a floor.</summary>
/// <remarks>
/// Defaults: learning rate 2e-5 (LESS's warm-up), warm-up 3% of the steps, decay to 10% of the peak,
/// betas (0.9, 0.999), weight decay 0, gradient clipping at norm 1.
/// </remarks>
public sealed record TrainingOptions
{
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Optimizer steps the schedule spans.</summary>
    public int TotalSteps { get; init; } = 1000;

    /// <summary>Steps of linear warm-up (null: 3% of <see cref="TotalSteps"/>).</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>The learning rate at the end, as a share of the peak.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>AdamW β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Gradient-norm clip (0: off).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>The learning rate at a step (0-based).</summary>
    public double LearningRateAt(int step)
    {
        var warmup = WarmupSteps ?? Math.Max(1, TotalSteps * 3 / 100);
        if (step < warmup)
        {
            return LearningRate * (step + 1) / warmup;
        }

        var progress = Math.Clamp((double)(step - warmup) / Math.Max(1, TotalSteps - warmup), 0, 1);
        var floor = LearningRate * MinLearningRateRatio;
        return floor + ((LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
