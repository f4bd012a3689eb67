namespace DataForge.Models.Tokenization;

/// <summary>Options of <see cref="BpeTrainer"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="VocabularySize"/> | 4096 | most ids in all: the 256 byte tokens, the learned merges and the special tokens |
/// | <see cref="SpecialTokens"/> | <c>&lt;|endoftext|&gt;</c>, <c>&lt;|im_start|&gt;</c>, <c>&lt;|im_end|&gt;</c> | added tokens, given the highest ids in this order |
/// | <see cref="MinFrequency"/> | 2 | a pair seen fewer times than this is never merged (training may then stop short of the size) |
/// </remarks>
public sealed record BpeTrainerOptions
{
    private readonly int _vocabularySize = 4096;
    private readonly IReadOnlyList<string> _specialTokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];
    private readonly int _minFrequency = 2;

    /// <summary>The defaults.</summary>
    public static BpeTrainerOptions Default { get; } = new();

    /// <summary>Target vocabulary size, special tokens included; at least 256 plus the special tokens.</summary>
    public int VocabularySize
    {
        get => _vocabularySize;
        init => _vocabularySize = value > 256 ? value : throw new ArgumentOutOfRangeException(nameof(VocabularySize), value, "must be more than 256 (the byte tokens)");
    }

    /// <summary>Special tokens: distinct, non-empty; matched whole in text and never learned from the corpus.</summary>
    public IReadOnlyList<string> SpecialTokens
    {
        get => _specialTokens;
        init => _specialTokens = AreValid(value) ? [.. value] : throw new ArgumentException("Special tokens must be non-empty and distinct.", nameof(SpecialTokens));
    }

    /// <summary>Least count of a pair for it to be merged.</summary>
    public int MinFrequency
    {
        get => _minFrequency;
        init => _minFrequency = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinFrequency), value, "must be at least 1");
    }

    private static bool AreValid(IReadOnlyList<string> tokens)
        => tokens is not null && !tokens.Any(string.IsNullOrEmpty) && tokens.Distinct(StringComparer.Ordinal).Count() == tokens.Count;
}
