using System.Globalization;

namespace DataForge.Models.Checkpoints;

/// <summary>The tensor shapes a Llama-family <c>config.json</c> implies (Hugging Face parameter names).</summary>
internal sealed class ModelShapes
{
    private readonly long _vocab;
    private readonly long _hidden;
    private readonly long _intermediate;
    private readonly long _query;
    private readonly long _keyValue;

    private ModelShapes(long vocab, long hidden, long intermediate, long layers, long query, long keyValue)
    {
        _vocab = vocab;
        _hidden = hidden;
        _intermediate = intermediate;
        Layers = layers;
        _query = query;
        _keyValue = keyValue;
    }

    /// <summary><c>num_hidden_layers</c>.</summary>
    public long Layers { get; }

    public static ModelShapes From(IReadOnlyDictionary<string, long> config)
    {
        var heads = config["num_attention_heads"];
        var headDim = config.TryGetValue("head_dim", out var explicitDim) ? explicitDim : config["hidden_size"] / heads;
        var kvHeads = config.TryGetValue("num_key_value_heads", out var kv) ? kv : heads;
        return new ModelShapes(config["vocab_size"], config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"], heads * headDim, kvHeads * headDim);
    }

    /// <summary>The shape <paramref name="name"/> must have; null for tensors this check does not know.</summary>
    public long[]? Expected(string name)
    {
        var local = name.StartsWith("model.layers.", StringComparison.Ordinal) ? name[(name.IndexOf('.', "model.layers.".Length) + 1)..] : name;
        return local switch
        {
            "model.embed_tokens.weight" or "lm_head.weight" => [_vocab, _hidden],
            "model.norm.weight" or "input_layernorm.weight" or "post_attention_layernorm.weight" => [_hidden],
            "self_attn.q_proj.weight" => [_query, _hidden],
            "self_attn.k_proj.weight" or "self_attn.v_proj.weight" => [_keyValue, _hidden],
            "self_attn.o_proj.weight" => [_hidden, _query],
            "self_attn.q_proj.bias" => [_query],
            "self_attn.k_proj.bias" or "self_attn.v_proj.bias" => [_keyValue],
            "mlp.gate_proj.weight" or "mlp.up_proj.weight" => [_intermediate, _hidden],
            "mlp.down_proj.weight" => [_hidden, _intermediate],
            _ => null,
        };
    }

    /// <summary>The layer index of a <c>model.layers.N.</c> tensor; null for others.</summary>
    public static long? LayerOf(string name)
    {
        const string Prefix = "model.layers.";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = name.IndexOf('.', Prefix.Length);
        return end > 0 && long.TryParse(name.AsSpan(Prefix.Length, end - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var layer) ? layer : null;
    }
}
