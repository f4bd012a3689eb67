using DataForge.Models.Torch.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>One pre-norm decoder block: <c>h = x + attn(norm(x))</c>, <c>out = h + mlp(norm(h))</c>.</summary>
internal sealed class DecoderBlock : nn.Module
{
    private readonly int _index;

    public DecoderBlock(DecoderConfig config, int index)
        : base(nameof(DecoderBlock))
    {
        _index = index;
        InputNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        SelfAttention = new Attention(config);
        PostAttentionNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        Mlp = new Mlp(config.HiddenSize, config.IntermediateSize, config.MlpBias);
        register_module("input_layernorm", InputNorm);
        register_module("self_attn", SelfAttention);
        register_module("post_attention_layernorm", PostAttentionNorm);
        register_module("mlp", Mlp);
    }

    public RmsNorm InputNorm { get; }

    public Attention SelfAttention { get; }

    public RmsNorm PostAttentionNorm { get; }

    public Mlp Mlp { get; }

    /// <summary>x (B, T, C) → (B, T, C).</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        var h = x + SelfAttention.Forward(InputNorm.forward(x), cos, sin, mask, cache, _index);
        return (h + Mlp.forward(PostAttentionNorm.forward(h))).MoveToOuterDisposeScope();
    }
}
