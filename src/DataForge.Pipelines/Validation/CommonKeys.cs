using DataForge.Core.Options;
using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Validation;

/// <summary>Keys of <c>[run]</c>, of every step, and of each model backend.</summary>
internal static class CommonKeys
{
    public static readonly IReadOnlyList<OptionDefinition> Run =
    [
        new("name", OptionKind.String, null, "names output/NAME/ (default: the pipeline file's name)"),
        new("seed", OptionKind.Integer, 1L, "the run seed; all randomness derives from it") { Min = 0 },
        new("max_error_fraction", OptionKind.Float, 0.2, "exit code 3 when more than this share of input records are rejected for errors") { Min = 0, Max = 1 },
        new("warn_drop_fraction", OptionKind.Float, 0.5, "a note on stderr and in the manifest for each step that drops more than this share of the records it received") { Min = 0, Max = 1, AffectsResult = false },
        new("parallelism", OptionKind.Integer, (long)Environment.ProcessorCount, "records in flight per step (default: cores)") { Min = 1, Max = 1024, AffectsResult = false },
        new("capacity", OptionKind.Integer, 256L, "bounded buffer per step") { Min = 1, Max = 1_000_000, AffectsResult = false },
        new("limit", OptionKind.Integer, null, "most kept records per read step (--limit)") { Min = 1 },
        new("license", OptionKind.String, null, "the dataset's license in its card (a Hugging Face license id such as apache-2.0 or cc-by-4.0; unset: unknown, with a note)"),
        new("language", OptionKind.StringList, null, "the natural languages of the data in its card, ISO 639-1 codes (default [\"en\"])"),
    ];

    /// <summary>The backends whose models can be trained (S2L proxy training, LESS warm-up): local TorchSharp checkpoints.</summary>
    public static readonly IReadOnlyList<string> TrainableBackends = ["tiny", "torch"];

    public static readonly IReadOnlyList<OptionDefinition> Step =
    [
        new("name", OptionKind.String, null, "unique step name") { Required = true },
        new("type", OptionKind.String, null, "step type") { Required = true },
        new("input", OptionKind.StringList, null, "step(s) read, in order (default: the step above)"),
        new("parallelism", OptionKind.Integer, null, "records in flight (default: run.parallelism)") { Min = 1, Max = 1024, AffectsResult = false },
        new("capacity", OptionKind.Integer, null, "bounded buffer (default: run.capacity)") { Min = 1, Max = 1_000_000, AffectsResult = false },
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<OptionDefinition>> Backends = new SortedDictionary<string, IReadOnlyList<OptionDefinition>>(StringComparer.Ordinal)
    {
        ["tiny"] =
        [
            new("backend", OptionKind.String, null, "tiny") { Required = true },
            new("path", OptionKind.Path, null, "folder of the embedded model (default: models/tiny, found from the pipeline's folder upwards)"),
            new("batch_size", OptionKind.Integer, 8L, "requests per forward pass (concurrent records share them; never changes results)") { Min = 1, AffectsResult = false },
        ],
        ["torch"] =
        [
            new("backend", OptionKind.String, null, "torch") { Required = true },
            new("path", OptionKind.Path, null, "Hugging Face checkpoint folder") { Required = true },
            new("chat_format", OptionKind.String, null, "chatml or llama3 (default: from tokenizer_config.json)") { Allowed = ["chatml", "llama3"] },
            new("batch_size", OptionKind.Integer, 8L, "requests per forward pass (concurrent records share them; never changes results)") { Min = 1, AffectsResult = false },
            new("device", OptionKind.String, "cpu", "cpu, or cuda / cuda:N in a CUDA build of libtorch") { AffectsResult = false },
        ],
        ["llamacpp"] =
        [
            new("backend", OptionKind.String, null, "llamacpp") { Required = true },
            new("path", OptionKind.Path, null, "GGUF file written by `dataforge model convert`") { Required = true },
            new("chat_format", OptionKind.String, null, "chatml or llama3 (default: from the file's chat template)") { Allowed = ["chatml", "llama3"] },
            new("threads", OptionKind.Integer, (long)Environment.ProcessorCount, "CPU threads (default: cores)") { Min = 1, Max = 1024, AffectsResult = false },
            new("flash_attention", OptionKind.Boolean, false, "llama.cpp's flash attention; off by default (on a CPU it can be far slower for small models)"),
            new("kv_cache_type", OptionKind.String, "f32", "f32 (log-probs match torch) or f16 (half the memory)") { Allowed = ["f32", "f16"] },
            new("context_length", OptionKind.Integer, null, "most tokens of one request (default: the file's context length)") { Min = 8 },
            new("batch_size", OptionKind.Integer, 512L, "prompt tokens per forward pass") { Min = 1 },
        ],
        ["openai"] =
        [
            new("backend", OptionKind.String, null, "openai") { Required = true },
            new("urls", OptionKind.StringList, null, "base URLs of OpenAI-compatible servers serving the same weights (a fleet)") { Required = true, AffectsResult = false },
            new("model", OptionKind.String, null, "model name sent to the servers") { Required = true },
            new("revision", OptionKind.String, null, "the served weights' version (e.g. a commit), part of the model's identity when the server reports none"),
            new("api_key_env", OptionKind.String, null, "environment variable holding the API key"),
            new("timeout_seconds", OptionKind.Integer, 120L, "per-attempt timeout; also the longest wait for a server to come back when every URL is ejected") { Min = 1, AffectsResult = false },
            new("max_retries", OptionKind.Integer, 5L, "retries of a failed request, with backoff") { Min = 0, AffectsResult = false },
            new("concurrency", OptionKind.Integer, 4L, "requests in flight per URL") { Min = 1, Max = 1024, AffectsResult = false },
            new("eject_after_failures", OptionKind.Integer, 3L, "failures in a row (no answer, 5xx) that eject a URL; a refused connection ejects at once") { Min = 1, Max = 1000, AffectsResult = false },
            new("ejection_seconds", OptionKind.Float, 1.0, "cool-down of an ejected URL before it is probed, doubled per ejection in a row") { Min = 0.001, Max = 3600, AffectsResult = false },
            new("max_ejection_seconds", OptionKind.Float, 30.0, "ceiling of the cool-down") { Min = 0.001, Max = 3600, AffectsResult = false },
        ],
    };
}
