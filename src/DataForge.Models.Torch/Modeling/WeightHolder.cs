using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>A module holding one <c>weight</c> parameter (the embedding, an untied output head).</summary>
internal sealed class WeightHolder : nn.Module
{
    public WeightHolder(Tensor initial)
        : base(nameof(WeightHolder))
    {
        Weight = new Parameter(initial);
        register_parameter("weight", Weight);
    }

    public Parameter Weight { get; }
}
