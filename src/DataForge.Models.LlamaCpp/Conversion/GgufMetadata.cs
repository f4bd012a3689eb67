using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch.Checkpoints;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>The metadata key/values of a converted file, in the order they are written.</summary>
internal static class GgufMetadata
{
    /// <summary>llama.cpp's <c>general.file_type</c> of an all-F32 file.</summary>
    public const uint AllF32 = 0;

    /// <summary>llama.cpp's <c>general.file_type</c> of a mostly-F16 file.</summary>
    public const uint MostlyF16 = 1;

    public static List<KeyValuePair<string, GgufValue>> For(string name, DecoderConfig config, GgufTokenizer vocabulary, HfTokenizer tokenizer, uint fileType)
    {
        var arch = GgufTensorMap.Architecture(config);
        var entries = new List<KeyValuePair<string, GgufValue>>();
        void Add(string key, GgufValue value) => entries.Add(new(key, value));
        Add("general.architecture", GgufValue.Of(arch));
        Add("general.name", GgufValue.Of(name));
        Add("general.file_type", GgufValue.Of(fileType));
        Add("general.quantization_version", GgufValue.Of(2u));
        Add($"{arch}.vocab_size", GgufValue.Of((uint)config.VocabSize));
        Add($"{arch}.context_length", GgufValue.Of((uint)config.MaxPositionEmbeddings));
        Add($"{arch}.embedding_length", GgufValue.Of((uint)config.HiddenSize));
        Add($"{arch}.block_count", GgufValue.Of((uint)config.Layers));
        Add($"{arch}.feed_forward_length", GgufValue.Of((uint)config.IntermediateSize));
        Add($"{arch}.attention.head_count", GgufValue.Of((uint)config.Heads));
        Add($"{arch}.attention.head_count_kv", GgufValue.Of((uint)config.KvHeads));
        Add($"{arch}.attention.key_length", GgufValue.Of((uint)config.HeadDim));
        Add($"{arch}.attention.value_length", GgufValue.Of((uint)config.HeadDim));
        Add($"{arch}.rope.dimension_count", GgufValue.Of((uint)config.HeadDim));
        Add($"{arch}.rope.freq_base", GgufValue.Of((float)config.RopeTheta));
        Add($"{arch}.attention.layer_norm_rms_epsilon", GgufValue.Of((float)config.RmsNormEps));
        Add("tokenizer.ggml.model", GgufValue.Of("gpt2"));
        Add("tokenizer.ggml.pre", GgufValue.Of(vocabulary.PreTokenizer));
        Add("tokenizer.ggml.tokens", GgufValue.Strings(vocabulary.Tokens));
        Add("tokenizer.ggml.token_type", GgufValue.Int32s(vocabulary.TokenTypes));
        Add("tokenizer.ggml.merges", GgufValue.Strings(vocabulary.Merges));
        if ((tokenizer.BosId ?? config.BosTokenId) is int bos)
        {
            Add("tokenizer.ggml.bos_token_id", GgufValue.Of((uint)bos));
        }

        if ((tokenizer.EosId ?? (config.EosTokenIds.Count > 0 ? config.EosTokenIds[0] : null)) is int eos)
        {
            Add("tokenizer.ggml.eos_token_id", GgufValue.Of((uint)eos));
        }

        if (tokenizer.PadId is int pad)
        {
            Add("tokenizer.ggml.padding_token_id", GgufValue.Of((uint)pad));
        }

        Add("tokenizer.ggml.add_bos_token", GgufValue.Of(tokenizer.AddBos));
        Add("tokenizer.ggml.add_eos_token", GgufValue.Of(false));
        if (tokenizer.ChatTemplate is { } template)
        {
            Add("tokenizer.chat_template", GgufValue.Of(template));
        }

        // The whole tokenizer.json (a key of the GGUF spec), so DataForge tokenizes exactly as the checkpoint did.
        Add("tokenizer.huggingface.json", GgufValue.Of(vocabulary.Json));
        return entries;
    }
}
