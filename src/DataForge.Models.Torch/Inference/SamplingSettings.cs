namespace DataForge.Models.Torch.Inference;

/// <summary>How one sequence picks its tokens.</summary>
/// <param name="Temperature">0 for greedy.</param>
/// <param name="TopP">Nucleus mass (1: off).</param>
/// <param name="TopK">Top-k cut (0: off).</param>
/// <param name="Seed">The sequence's own sampling seed.</param>
public sealed record SamplingSettings(double Temperature, double TopP, int TopK, ulong Seed)
{
    /// <summary>Greedy decoding.</summary>
    public static SamplingSettings Greedy { get; } = new(0, 1, 0, 0);
}
