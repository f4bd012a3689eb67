namespace DataForge.Models.Torch.Training;

/// <summary>LoRA adapters: rank, scaling and the projections that get them.</summary>
/// <remarks>Defaults follow LESS's warm-up: rank 128, alpha 512, on q/k/v/o projections of every layer.</remarks>
public sealed record LoraOptions
{
    /// <summary>Adapter rank r.</summary>
    public int Rank { get; init; } = 128;

    /// <summary>Scaling numerator: the update is multiplied by alpha / r.</summary>
    public double Alpha { get; init; } = 512;

    /// <summary>Projection names (<c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c>, <c>gate_proj</c>, <c>up_proj</c>, <c>down_proj</c>).</summary>
    public IReadOnlyList<string> Targets { get; init; } = ["q_proj", "k_proj", "v_proj", "o_proj"];

    /// <summary>Seed of the adapters' initialisation.</summary>
    public long Seed { get; init; }
}
