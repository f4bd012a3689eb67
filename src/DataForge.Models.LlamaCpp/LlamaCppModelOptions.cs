using DataForge.Models.Tokenization;

namespace DataForge.Models.LlamaCpp;

/// <summary>How a GGUF file is run by llama.cpp.</summary>
public sealed record LlamaCppModelOptions
{
    /// <summary>The defaults: F32 KV cache, flash attention off, one thread per core, the file's context length.</summary>
    public static LlamaCppModelOptions Default { get; } = new();

    /// <summary>The chat format; null recognises it from the file's <c>tokenizer.chat_template</c>.</summary>
    public ChatFormatKind? ChatFormat { get; init; }

    /// <summary>CPU threads for decoding and for prompt processing (default: one per core).</summary>
    public int Threads
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "threads must be at least 1");
    } = Environment.ProcessorCount;

    /// <summary>
    /// llama.cpp's flash attention (default off). On a CPU it can be much slower for small models: with
    /// "auto" and an F16 KV cache a 110M model once decoded below 1 token/s where off and F32 gave 44–49.
    /// </summary>
    public bool FlashAttention { get; init; }

    /// <summary>The KV cache's type: <c>f32</c> (default; log-probabilities match the <c>torch</c> backend) or <c>f16</c> (half the memory).</summary>
    public string KvCacheType
    {
        get;
        init => field = value is "f32" or "f16" ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "kv_cache_type must be f32 or f16");
    } = "f32";

    /// <summary>The most tokens of one request (prompt and continuation); null: the file's <c>context_length</c>.</summary>
    public int? ContextLength
    {
        get;
        init => field = value is null or >= 8 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "context_length must be at least 8");
    }

    /// <summary>Prompt tokens per forward pass (llama.cpp's batch and micro-batch).</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "batch size must be at least 1");
    } = 512;

    /// <summary>The name in the model identity (null: the file's name without <c>.gguf</c>).</summary>
    public string? Name { get; init; }
}
