using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>
/// Rotary position embedding in transformers' rotate-half layout:
/// <c>inv_freq[j] = θ^(−2j/d)</c>, angles duplicated as <c>cat(a, a)</c>,
/// <c>x' = x·cos + rotate_half(x)·sin</c> with <c>rotate_half(x) = cat(−x₂, x₁)</c>.
/// </summary>
internal static class RotaryEmbedding
{
    /// <summary>cos and sin for the given positions: each (B, 1, T, D).</summary>
    public static (Tensor Cos, Tensor Sin) Angles(Tensor positions, int headDim, double theta)
    {
        using var scope = torch.NewDisposeScope();
        // inv_freq computed in managed code: no implicit Scalars (see RmsNorm).
        var frequencies = Enumerable.Range(0, headDim / 2).Select(j => 1.0 / Math.Pow(theta, 2.0 * j / headDim)).ToArray();
        var invFreq = torch.tensor(frequencies).to(positions.device);                       // (D/2)
        var angles = positions.to(ScalarType.Float64).unsqueeze(-1) * invFreq;             // (B, T, D/2)
        var emb = torch.cat([angles, angles], dim: -1).unsqueeze(1);                        // (B, 1, T, D)
        var cos = emb.cos().to(ScalarType.Float32);
        var sin = emb.sin().to(ScalarType.Float32);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Rotates x (B, H, T, D).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = torch.NewDisposeScope();
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = torch.cat([-x2, x1], dim: -1);
        return ((x * cos.to(x.dtype)) + (rotated * sin.to(x.dtype))).MoveToOuterDisposeScope();
    }
}
