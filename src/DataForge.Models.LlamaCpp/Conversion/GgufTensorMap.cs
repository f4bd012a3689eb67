using System.Globalization;
using DataForge.Models.Torch.Checkpoints;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>
/// One tensor of the converted file: its llama.cpp name, the Hugging Face weight it comes from (null:
/// zeros, for the q/k/v biases llama.cpp's <c>qwen2</c> expects when a checkpoint has none), the
/// PyTorch shape, and the heads whose rows are permuted (0: none).
/// </summary>
internal sealed record GgufTensorMapping(string Name, string? Source, long[] Shape, int PermuteHeads)
{
    /// <summary>ggml dimension order: the PyTorch shape reversed.</summary>
    public long[] Dimensions => [.. Shape.Reverse()];

    /// <summary>A matrix (stored in the file's type); vectors (norms, biases) always stay F32.</summary>
    public bool IsMatrix => Shape.Length == 2;
}

/// <summary>
/// The Hugging Face → llama.cpp tensor names of a Llama or Qwen2 decoder (<c>token_embd</c>,
/// <c>blk.N.attn_q/k/v/output</c>, <c>ffn_gate/up/down</c>, <c>attn_norm</c>, <c>ffn_norm</c>,
/// <c>output_norm</c>, <c>output</c> unless tied). For the <c>llama</c> architecture the rows of q and k
/// (weights and biases) are permuted per head from transformers' rotate-half layout to the interleaved
/// pairs llama.cpp's rope rotates; <c>qwen2</c> is rotated rotate-half style (NeoX) by llama.cpp, so its
/// weights are written as they are.
/// </summary>
internal static class GgufTensorMap
{
    /// <summary>llama.cpp's architecture for a config: <c>qwen2</c>, or <c>llama</c> (Llama, Mistral, SmolLM).</summary>
    public static string Architecture(DecoderConfig config) => config.ModelType == "qwen2" ? "qwen2" : "llama";

    public static IReadOnlyList<GgufTensorMapping> For(DecoderConfig config, string source)
    {
        if (config.MlpBias)
        {
            throw new InvalidDataException($"{source}: mlp_bias is true; MLP biases are not converted");
        }

        var llama = Architecture(config) == "llama";
        long hidden = config.HiddenSize, q = (long)config.Heads * config.HeadDim, kv = (long)config.KvHeads * config.HeadDim;
        var tensors = new List<GgufTensorMapping> { new("token_embd.weight", "model.embed_tokens.weight", [config.VocabSize, hidden], 0) };
        for (var i = 0; i < config.Layers; i++)
        {
            var hf = string.Create(CultureInfo.InvariantCulture, $"model.layers.{i}.");
            var blk = string.Create(CultureInfo.InvariantCulture, $"blk.{i}.");
            tensors.Add(new(blk + "attn_norm.weight", hf + "input_layernorm.weight", [hidden], 0));
            tensors.Add(new(blk + "attn_q.weight", hf + "self_attn.q_proj.weight", [q, hidden], llama ? config.Heads : 0));
            tensors.Add(new(blk + "attn_k.weight", hf + "self_attn.k_proj.weight", [kv, hidden], llama ? config.KvHeads : 0));
            tensors.Add(new(blk + "attn_v.weight", hf + "self_attn.v_proj.weight", [kv, hidden], 0));
            if (config.AttentionBias || !llama)
            {
                var bias = config.AttentionBias;
                tensors.Add(new(blk + "attn_q.bias", bias ? hf + "self_attn.q_proj.bias" : null, [q], llama ? config.Heads : 0));
                tensors.Add(new(blk + "attn_k.bias", bias ? hf + "self_attn.k_proj.bias" : null, [kv], llama ? config.KvHeads : 0));
                tensors.Add(new(blk + "attn_v.bias", bias ? hf + "self_attn.v_proj.bias" : null, [kv], 0));
            }

            tensors.Add(new(blk + "attn_output.weight", hf + "self_attn.o_proj.weight", [hidden, q], 0));
            tensors.Add(new(blk + "ffn_norm.weight", hf + "post_attention_layernorm.weight", [hidden], 0));
            tensors.Add(new(blk + "ffn_gate.weight", hf + "mlp.gate_proj.weight", [config.IntermediateSize, hidden], 0));
            tensors.Add(new(blk + "ffn_up.weight", hf + "mlp.up_proj.weight", [config.IntermediateSize, hidden], 0));
            tensors.Add(new(blk + "ffn_down.weight", hf + "mlp.down_proj.weight", [hidden, config.IntermediateSize], 0));
        }

        tensors.Add(new("output_norm.weight", "model.norm.weight", [hidden], 0));
        if (!config.TieWordEmbeddings)
        {
            tensors.Add(new("output.weight", "lm_head.weight", [config.VocabSize, hidden], 0));
        }

        return tensors;
    }

    /// <summary>
    /// Reorders the rows of each head from halves (<c>x₀…x_{d/2−1}, x_{d/2}…</c>, rotate-half) to pairs
    /// (<c>x₀, x_{d/2}, x₁, x_{d/2+1}, …</c>): row <c>2i + j</c> of a head takes row <c>j·d/2 + i</c>.
    /// </summary>
    public static float[] Permute(float[] values, long rows, int heads)
    {
        var columns = values.Length / rows;
        var headDim = rows / heads;
        var half = headDim / 2;
        var result = new float[values.Length];
        for (long h = 0; h < heads; h++)
        {
            for (long i = 0; i < half; i++)
            {
                for (long j = 0; j < 2; j++)
                {
                    var to = (h * headDim) + (2 * i) + j;
                    var from = (h * headDim) + (j * half) + i;
                    Array.Copy(values, from * columns, result, to * columns, columns);
                }
            }
        }

        return result;
    }
}
