using DataForge.Models.Torch.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>Grouped-query self-attention with rotary positions, optional q/k/v biases and a KV cache.</summary>
internal sealed class Attention : nn.Module
{
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    // 1/√D, held for the module's lifetime: a Scalar made implicitly per call can be finalized while
    // libtorch still reads it ("Unknown scalar type"; see RmsNorm).
    private readonly Scalar _queryScale;

    public Attention(DecoderConfig config)
        : base(nameof(Attention))
    {
        _heads = config.Heads;
        _kvHeads = config.KvHeads;
        _headDim = config.HeadDim;
        _queryScale = (1.0 / Math.Sqrt(_headDim)).ToScalar();
        Q = new Projection(config.HiddenSize, _heads * _headDim, config.AttentionBias);
        K = new Projection(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias);
        V = new Projection(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias);
        O = new Projection(_heads * _headDim, config.HiddenSize, bias: false);
        register_module("q_proj", Q);
        register_module("k_proj", K);
        register_module("v_proj", V);
        register_module("o_proj", O);
    }

    public Projection Q { get; }

    public Projection K { get; }

    public Projection V { get; }

    public Projection O { get; }

    /// <summary>
    /// x (B, T, C); cos/sin (B, 1, T, D); mask: additive (B, 1, T, S), or null when no row has padding
    /// (causal over these T tokens, or one new token after the cached ones); cache: past keys/values, appended to.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache, int layer)
    {
        using var scope = torch.NewDisposeScope();
        var (b, t) = (x.shape[0], x.shape[1]);
        var q = Q.forward(x).view(b, t, _heads, _headDim).transpose(1, 2);       // (B, H, T, D)
        var k = K.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);     // (B, KvH, T, D)
        var v = V.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);     // (B, KvH, T, D)
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null)
        {
            (k, v) = cache.Append(layer, k, v);                                  // (B, KvH, S, D)
        }

        k = RepeatKv(k);                                                         // (B, H, S, D)
        v = RepeatKv(v);
        var y = (mask, k.shape[2] == t, t) switch
        {
            (not null, false, 1) => OneQueryAttention(q, k, v, mask),                                  // one new token after cached ones
            (not null, _, _) => nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: mask),   // (B, H, T, D)
            (null, true, _) => nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true),   // no history: plain causal
            (null, false, 1) => nn.functional.scaled_dot_product_attention(q, k, v),                   // one new token sees all it follows
            _ => throw new InvalidOperationException("several new tokens after cached ones need an explicit mask"),
        };
        y = y.transpose(1, 2).contiguous().view(b, t, _heads * _headDim);       // (B, T, H·D)
        return O.forward(y).MoveToOuterDisposeScope();                           // (B, T, C)
    }

    // Attention of one query per row written out: the fused CPU kernel rounds a row differently with the
    // number of rows at one query (it does not over whole prompts), this does not, and batched generation
    // relies on a row's bits not depending on its batch mates.
    private Tensor OneQueryAttention(Tensor q, Tensor k, Tensor v, Tensor mask)
    {
        var scores = torch.matmul(q, k.transpose(-2, -1)).mul_(_queryScale).add_(mask); // (B, H, 1, S)
        return torch.matmul(nn.functional.softmax(scores, -1), v);                                      // (B, H, 1, D)
    }

    private Tensor RepeatKv(Tensor kv)
    {
        var groups = _heads / _kvHeads;
        if (groups == 1)
        {
            return kv;
        }

        var (b, s) = (kv.shape[0], kv.shape[2]);
        return kv.unsqueeze(2).expand(b, _kvHeads, groups, s, _headDim).reshape(b, _heads, s, _headDim);
    }
}
