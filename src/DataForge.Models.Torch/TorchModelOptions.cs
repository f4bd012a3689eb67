using DataForge.Models.Tokenization;

namespace DataForge.Models.Torch;

/// <summary>How a checkpoint folder is served as a language model.</summary>
public sealed record TorchModelOptions
{
    /// <summary>Default options: chat format from the tokenizer, 8 sequences per forward pass.</summary>
    public static TorchModelOptions Default { get; } = new();

    /// <summary>The chat format; null recognises it from <c>tokenizer_config.json</c>.</summary>
    public ChatFormatKind? ChatFormat { get; init; }

    /// <summary>Sequences per forward pass, for generation and for scoring.</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "batch size must be at least 1");
    } = 8;

    /// <summary><c>cpu</c> (default) or <c>cuda</c> / <c>cuda:N</c> (a CUDA build of libtorch only).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The name in the model identity (null: the folder's name).</summary>
    public string? Name { get; init; }
}
