using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>
/// A linear projection (<c>weight</c> (out, in), optional <c>bias</c>) that can carry a LoRA adapter:
/// <c>y = x Wᵀ + b + (alpha / r) · x Aᵀ Bᵀ</c>, with A (r, in) random and B (out, r) zero at the start.
/// </summary>
internal sealed class Projection : nn.Module<Tensor, Tensor>
{
    private Parameter? _loraA;
    private Parameter? _loraB;
    private Scalar? _loraScale; // held, not made per call (see RmsNorm)

    public Projection(long inFeatures, long outFeatures, bool bias)
        : base(nameof(Projection))
    {
        Weight = new Parameter(torch.empty(outFeatures, inFeatures));
        register_parameter("weight", Weight);
        if (bias)
        {
            Bias = new Parameter(torch.zeros(outFeatures));
            register_parameter("bias", Bias);
        }
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public bool HasLora => _loraA is not null;

    /// <summary>Adds a LoRA adapter; A is drawn from <paramref name="generator"/> (Kaiming-uniform, as PEFT), B starts at zero.</summary>
    public void AddLora(int rank, double alpha, Generator generator)
    {
        var inFeatures = Weight.shape[1];
        var bound = Math.Sqrt(6.0 / ((1 + 5.0) * inFeatures)); // kaiming_uniform_(a=sqrt(5))
        using var uniform = torch.rand(rank, inFeatures, generator: generator);
        using var two = (2.0 * bound).ToScalar();
        using var shift = bound.ToScalar();
        _loraA = new Parameter(uniform.mul(two).sub_(shift).to(Weight.device));
        _loraB = new Parameter(torch.zeros(Weight.shape[0], rank, device: Weight.device));
        _loraScale = (alpha / rank).ToScalar();
        register_parameter("lora_A", _loraA);
        register_parameter("lora_B", _loraB);
    }

    /// <summary>The weight with the adapter folded in (what a merged checkpoint stores).</summary>
    public Tensor MergedWeight()
    {
        using var noGrad = torch.no_grad();
        return _loraA is null ? Weight.detach().clone() : Weight.detach() + _loraB!.matmul(_loraA).mul(_loraScale!);
    }

    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.linear(x, Weight, Bias);                           // (..., out)
        if (_loraA is null)
        {
            return y;
        }

        using var scope = torch.NewDisposeScope();
        var delta = nn.functional.linear(nn.functional.linear(x, _loraA), _loraB!).mul(_loraScale!);
        return (y + delta).MoveToOuterDisposeScope();
    }
}
