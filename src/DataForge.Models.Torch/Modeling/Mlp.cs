using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>The SwiGLU MLP: <c>down(silu(gate(x)) * up(x))</c>.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    public Mlp(int hidden, int intermediate, bool bias)
        : base(nameof(Mlp))
    {
        Gate = new Projection(hidden, intermediate, bias);
        Up = new Projection(hidden, intermediate, bias);
        Down = new Projection(intermediate, hidden, bias);
        register_module("gate_proj", Gate);
        register_module("up_proj", Up);
        register_module("down_proj", Down);
    }

    public Projection Gate { get; }

    public Projection Up { get; }

    public Projection Down { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = nn.functional.silu(Gate.forward(x)) * Up.forward(x);            // (B, T, I)
        return Down.forward(h).MoveToOuterDisposeScope();                        // (B, T, C)
    }
}
