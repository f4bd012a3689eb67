using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>RMSNorm as in transformers: <c>weight * x / sqrt(mean(x²) + eps)</c>, computed in float32.</summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    // Held for the module's lifetime: a Scalar made implicitly per call can be finalized while
    // libtorch still reads it ("Unknown scalar type" under GC pressure).
    private readonly Scalar _eps;

    public RmsNorm(int size, double eps)
        : base(nameof(RmsNorm))
    {
        _eps = eps.ToScalar();
        _weight = new Parameter(torch.ones(size));
        register_parameter("weight", _weight);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var dtype = x.dtype;
        var h = x.to(ScalarType.Float32);                                        // (..., C)
        var variance = h.pow(2).mean([-1], keepdim: true);                       // (..., 1)
        h = h * torch.rsqrt(variance.add(_eps));
        return (_weight * h.to(dtype)).MoveToOuterDisposeScope();
    }
}
