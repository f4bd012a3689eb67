using DataForge.Models.Torch.Checkpoints;

namespace DataForge.Models.Torch.Tiny;

/// <summary>The embedded models' shapes: Qwen2-style decoders (GQA, q/k/v biases, tied embeddings) of a few million parameters.</summary>
public enum TinyModelSize
{
    /// <summary>~2.4M parameters: 4 layers, width 192, 6 heads over 2 KV heads (the committed <c>models/tiny</c>).</summary>
    Small,

    /// <summary>~4.0M parameters: 4 layers, width 256, 8 heads over 4 KV heads (the committed <c>models/tiny-medium</c>, seed 2).</summary>
    Medium,

    /// <summary>~8.1M parameters: 6 layers, width 320, 10 heads over 5 KV heads (<c>models/tiny-large</c>, seed 3).</summary>
    Large,
}

/// <summary>Architectures of the <see cref="TinyModelSize"/> values.</summary>
public static class TinyModelShapes
{
    /// <summary>The decoder config of a size, for a tokenizer of <paramref name="vocabulary"/> ids.</summary>
    public static DecoderConfig For(TinyModelSize size, int vocabulary, int bos, int eos) => size switch
    {
        TinyModelSize.Small => Shape(vocabulary, bos, eos, hidden: 192, layers: 4, heads: 6, kvHeads: 2, intermediate: 512),
        TinyModelSize.Medium => Shape(vocabulary, bos, eos, hidden: 256, layers: 4, heads: 8, kvHeads: 4, intermediate: 688),
        TinyModelSize.Large => Shape(vocabulary, bos, eos, hidden: 320, layers: 6, heads: 10, kvHeads: 5, intermediate: 864),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "unknown size"),
    };

    private static DecoderConfig Shape(int vocabulary, int bos, int eos, int hidden, int layers, int heads, int kvHeads, int intermediate) => new()
    {
        ModelType = "qwen2",
        VocabSize = vocabulary,
        HiddenSize = hidden,
        IntermediateSize = intermediate,
        Layers = layers,
        Heads = heads,
        KvHeads = kvHeads,
        HeadDim = hidden / heads,
        RmsNormEps = 1e-6,
        RopeTheta = 10000,
        TieWordEmbeddings = true,
        AttentionBias = true,
        MaxPositionEmbeddings = 1024,
        BosTokenId = bos,
        EosTokenIds = [eos],
        TorchDtype = "float32",
    };
}
