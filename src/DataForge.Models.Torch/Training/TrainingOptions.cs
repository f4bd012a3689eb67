using DataForge.Core.Seams;

namespace DataForge.Models.Torch.Training;

/// <summary>
/// Optimizer and schedule of a training run: the seam's <see cref="TrainingPlan"/> (learning rate,
/// warm-up, cosine decay to a floor, weight decay, clipping) plus the AdamW betas, which only the
/// trainer sets.
/// </summary>
/// <remarks>
/// Defaults: those of <see cref="TrainingPlan"/> (learning rate 2e-5, warm-up 3% of the steps, decay
/// to 10% of the peak, weight decay 0, gradient clipping at norm 1) and betas (0.9, 0.999). The plan's
/// <see cref="TrainingPlan.Lora"/> and <see cref="TrainingPlan.MaxLength"/> are not read here: LoRA
/// comes to the trainer as <see cref="LoraOptions"/>, and examples are cut before they reach it.
/// </remarks>
public sealed record TrainingOptions
{
    /// <summary>Learning rate, schedule, weight decay and clipping.</summary>
    public TrainingPlan Plan { get; init; } = new();

    /// <summary>AdamW β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The learning rate at a step (0-based).</summary>
    public double LearningRateAt(int step)
    {
        var warmup = Plan.WarmupSteps ?? Math.Max(1, Plan.TotalSteps * 3 / 100);
        if (step < warmup)
        {
            return Plan.LearningRate * (step + 1) / warmup;
        }

        var progress = Math.Clamp((double)(step - warmup) / Math.Max(1, Plan.TotalSteps - warmup), 0, 1);
        var floor = Plan.LearningRate * Plan.MinLearningRateRatio;
        return floor + ((Plan.LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
