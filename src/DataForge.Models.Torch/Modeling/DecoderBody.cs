using DataForge.Models.Torch.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>The embedding, the decoder blocks and the final norm (transformers' <c>model.*</c>).</summary>
internal sealed class DecoderBody : nn.Module
{
    private readonly DecoderConfig _config;
    private readonly WeightHolder _embedding;

    public DecoderBody(DecoderConfig config)
        : base(nameof(DecoderBody))
    {
        _config = config;
        _embedding = new WeightHolder(torch.empty(config.VocabSize, config.HiddenSize));
        register_module("embed_tokens", _embedding);
        Blocks = [.. Enumerable.Range(0, config.Layers).Select(i => new DecoderBlock(config, i))];
        register_module("layers", nn.ModuleList([.. Blocks]));
        Norm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        register_module("norm", Norm);
    }

    public Tensor Embedding => _embedding.Weight;

    public IReadOnlyList<DecoderBlock> Blocks { get; }

    public RmsNorm Norm { get; }

    /// <summary>ids (B, T) → normed hidden states (B, T, C).</summary>
    public Tensor Forward(Tensor ids, Tensor positions, Tensor? mask, KvCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        var x = _embedding.Weight.index_select(0, ids.flatten()).view(ids.shape[0], ids.shape[1], -1);  // (B, T, C)
        var (cos, sin) = RotaryEmbedding.Angles(positions, _config.HeadDim, _config.RopeTheta);   // (B, 1, T, D)
        foreach (var block in Blocks)
        {
            x = block.Forward(x, cos, sin, mask, cache);
        }

        return Norm.forward(x).MoveToOuterDisposeScope();
    }
}
