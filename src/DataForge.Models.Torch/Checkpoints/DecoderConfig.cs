using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>
/// The architecture of a Llama-family decoder, read from a Hugging Face <c>config.json</c>
/// (Llama, Qwen2, SmolLM2, Mistral-style without sliding windows).
/// </summary>
/// <remarks>
/// The rotary base comes from <c>rope_parameters.rope_theta</c> (transformers 5) or the top-level
/// <c>rope_theta</c>; only the unscaled (<c>default</c>) rotary type is implemented, and any scaled type
/// (<c>llama3</c>, <c>yarn</c>, <c>linear</c>, <c>dynamic</c>, …) is refused rather than silently run unscaled.
/// </remarks>
public sealed record DecoderConfig
{
    /// <summary><c>model_type</c>, e.g. <c>llama</c> or <c>qwen2</c>.</summary>
    public string ModelType { get; init; } = "llama";

    /// <summary>Rows of the embedding (may exceed the tokenizer's ids: padded vocabularies).</summary>
    public int VocabSize { get; init; }

    /// <summary>Width of the residual stream.</summary>
    public int HiddenSize { get; init; }

    /// <summary>Width of the SwiGLU MLP.</summary>
    public int IntermediateSize { get; init; }

    /// <summary>Decoder blocks.</summary>
    public int Layers { get; init; }

    /// <summary>Query heads.</summary>
    public int Heads { get; init; }

    /// <summary>Key/value heads (grouped-query attention when fewer than <see cref="Heads"/>).</summary>
    public int KvHeads { get; init; }

    /// <summary>Width of one head (explicit <c>head_dim</c>, else hidden / heads).</summary>
    public int HeadDim { get; init; }

    /// <summary>RMSNorm epsilon.</summary>
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>Rotary base.</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>Whether the output head reuses the embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Whether q/k/v projections carry biases (Qwen2: yes).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Whether the MLP projections carry biases.</summary>
    public bool MlpBias { get; init; }

    /// <summary>Longest sequence the model was trained for.</summary>
    public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>BOS id from the config, if any.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>EOS ids from the config (one or several).</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>The weights' dtype as the checkpoint declares it (<c>float32</c>, <c>bfloat16</c>, <c>float16</c>).</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>Parameters in the model (embedding and head counted once when tied).</summary>
    public long ParameterCount
    {
        get
        {
            long attention = ((long)HiddenSize * Heads * HeadDim * 2) + ((long)HiddenSize * KvHeads * HeadDim * 2)
                + (AttentionBias ? (Heads + (2L * KvHeads)) * HeadDim : 0);
            long mlp = 3L * HiddenSize * IntermediateSize;
            long perLayer = attention + mlp + (2L * HiddenSize);
            long embed = (long)VocabSize * HiddenSize;
            return (Layers * perLayer) + embed + (TieWordEmbeddings ? 0 : embed) + HiddenSize;
        }
    }

    /// <summary>Reads <c>config.json</c> from a checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">The file is missing, malformed, or describes an architecture this backend does not run.</exception>
    public static DecoderConfig Load(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: not found; a checkpoint folder needs config.json");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}({e.LineNumber + 1},{e.BytePositionInLine + 1}): invalid JSON: {e.Message}", e);
        }

        return Parse(root, path);
    }

    /// <summary>Parses a <c>config.json</c> object; <paramref name="source"/> names it in errors.</summary>
    public static DecoderConfig Parse(JsonObject root, string source)
    {
        ArgumentNullException.ThrowIfNull(root);
        var reader = new ConfigReader(root, source);
        var modelType = reader.String("model_type") ?? "llama";
        if (modelType is not ("llama" or "qwen2" or "mistral" or "smollm"))
        {
            throw new InvalidDataException($"{source}: model_type '{modelType}' is not a Llama-family decoder this backend runs (llama, qwen2, mistral)");
        }

        if (reader.Has("sliding_window") && reader.Bool("use_sliding_window") == true)
        {
            throw new InvalidDataException($"{source}: use_sliding_window is true; sliding-window attention is not implemented");
        }

        var hidden = reader.RequiredInt("hidden_size");
        var heads = reader.RequiredInt("num_attention_heads");
        var headDim = reader.Int("head_dim") ?? (hidden / heads);
        var config = new DecoderConfig
        {
            ModelType = modelType,
            VocabSize = reader.RequiredInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.RequiredInt("intermediate_size"),
            Layers = reader.RequiredInt("num_hidden_layers"),
            Heads = heads,
            KvHeads = reader.Int("num_key_value_heads") ?? heads,
            HeadDim = headDim,
            RmsNormEps = reader.Double("rms_norm_eps") ?? 1e-6,
            RopeTheta = ReadRopeTheta(reader, source),
            TieWordEmbeddings = reader.Bool("tie_word_embeddings") ?? false,
            AttentionBias = reader.Bool("attention_bias") ?? modelType == "qwen2",
            MlpBias = reader.Bool("mlp_bias") ?? false,
            MaxPositionEmbeddings = reader.Int("max_position_embeddings") ?? 2048,
            BosTokenId = reader.Int("bos_token_id"),
            EosTokenIds = reader.IntList("eos_token_id"),
            TorchDtype = reader.String("torch_dtype") ?? reader.String("dtype") ?? "float32",
        };
        config.Check(source);
        return config;
    }

    /// <summary>The <c>config.json</c> object a Hugging Face loader reads back as this architecture.</summary>
    public JsonObject ToJson()
    {
        var qwen = ModelType == "qwen2";
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM"),
            ["model_type"] = ModelType,
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = Layers,
            ["num_attention_heads"] = Heads,
            ["num_key_value_heads"] = KvHeads,
            ["head_dim"] = HeadDim,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["attention_bias"] = AttentionBias,
            ["mlp_bias"] = MlpBias,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["torch_dtype"] = TorchDtype,
        };
        if (BosTokenId is int bos)
        {
            json["bos_token_id"] = bos;
        }

        if (EosTokenIds.Count > 0)
        {
            json["eos_token_id"] = EosTokenIds.Count == 1 ? JsonValue.Create(EosTokenIds[0]) : new JsonArray([.. EosTokenIds.Select(i => (JsonNode?)i)]);
        }

        return json;
    }

    private static double ReadRopeTheta(ConfigReader reader, string source)
    {
        var scaling = reader.Object("rope_parameters") ?? reader.Object("rope_scaling");
        if (scaling is not null)
        {
            var type = (scaling["rope_type"] ?? scaling["type"])?.ToString() ?? "default";
            if (type != "default")
            {
                throw new InvalidDataException($"{source}: rope type '{type}' is not implemented (only the unscaled 'default' rotary embedding is); refusing rather than running it unscaled");
            }

            if (scaling["rope_theta"] is JsonNode theta)
            {
                return JsonSerializer.Deserialize<double>(theta.ToJsonString());
            }
        }

        return reader.Double("rope_theta") ?? 10000;
    }

    private void Check(string source)
    {
        if (VocabSize <= 0 || HiddenSize <= 0 || IntermediateSize <= 0 || Layers <= 0 || Heads <= 0 || KvHeads <= 0 || HeadDim <= 0)
        {
            throw new InvalidDataException($"{source}: sizes must be positive");
        }

        if (Heads % KvHeads != 0)
        {
            throw new InvalidDataException($"{source}: num_attention_heads ({Heads}) is not a multiple of num_key_value_heads ({KvHeads})");
        }

        if (HeadDim % 2 != 0)
        {
            throw new InvalidDataException($"{source}: head_dim ({HeadDim}) must be even for rotary embeddings");
        }
    }
}
