using DataForge.Models.Torch.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>
/// A Llama-family causal language model whose parameter names are the Hugging Face ones
/// (<c>model.embed_tokens.weight</c>, <c>model.layers.N.self_attn.q_proj.weight</c>, …, <c>lm_head.weight</c>).
/// </summary>
internal sealed class CausalLm : nn.Module
{
    private readonly WeightHolder? _lmHead;

    public CausalLm(DecoderConfig config)
        : base(nameof(CausalLm))
    {
        Config = config;
        Body = new DecoderBody(config);
        register_module("model", Body);
        if (!config.TieWordEmbeddings)
        {
            _lmHead = new WeightHolder(torch.empty(config.VocabSize, config.HiddenSize));
            register_module("lm_head", _lmHead);
        }
    }

    public DecoderConfig Config { get; }

    /// <summary>Where the weights live: the default device when the model was built (see <see cref="Build"/>).</summary>
    public Device Device { get; private init; } = torch.CPU;

    /// <summary>Builds the modules with their parameters allocated on <paramref name="device"/>.</summary>
    public static CausalLm Build(DecoderConfig config, Device device)
    {
        if (device.type == DeviceType.CPU)
        {
            return new CausalLm(config);
        }

        torch.set_default_device(device);
        try
        {
            return new CausalLm(config) { Device = device };
        }
        finally
        {
            torch.set_default_device(torch.CPU);
        }
    }

    public DecoderBody Body { get; }

    /// <summary>The output projection (vocab, C): the embedding when tied.</summary>
    public Tensor HeadWeight => _lmHead?.Weight ?? Body.Embedding;

    /// <summary>
    /// ids (B, T) long; positions (B, T) long; mask additive (B, 1, T, S) or null for causal attention
    /// over exactly these tokens; cache appended to when given. Returns logits (B, T, V) in float32.
    /// </summary>
    public Tensor Forward(Tensor ids, Tensor positions, Tensor? mask, KvCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        var h = Body.Forward(ids, positions, mask, cache);                       // (B, T, C)
        return nn.functional.linear(h, HeadWeight).to(ScalarType.Float32).MoveToOuterDisposeScope();  // (B, T, V)
    }

    /// <summary>Hidden states after the final norm, (B, T, C).</summary>
    public Tensor Hidden(Tensor ids, Tensor positions, Tensor? mask, KvCache? cache) => Body.Forward(ids, positions, mask, cache);
}
