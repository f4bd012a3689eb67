namespace DataForge.Models.Torch.Tiny;

/// <summary>How <see cref="TinyModelTrainer"/> trains an embedded model.</summary>
/// <remarks>
/// Defaults (sized to finish in well under 10 minutes on 2 CPU cores for <see cref="TinyModelSize.Small"/>):
/// vocabulary 4096, context 256, batches of 16 windows, 500 steps, AdamW peak 2e-3 with 5% warm-up and
/// cosine decay, weight decay 0.1, β₂ 0.95, 5% of the documents held out for validation.
/// </remarks>
public sealed record TinyTrainingOptions
{
    /// <summary>The architecture.</summary>
    public TinyModelSize Size { get; init; } = TinyModelSize.Small;

    /// <summary>Seed of the tokenizer's tie order, the split, the initial weights and the batches.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Tokenizer vocabulary, specials included.</summary>
    public int VocabularySize { get; init; } = 4096;

    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 500;

    /// <summary>Windows per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Tokens per window.</summary>
    public int ContextLength { get; init; } = 256;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Share of the documents held out for the validation loss.</summary>
    public double ValidationShare { get; init; } = 0.05;

    /// <summary>Store the weights as BF16 (half the bytes); the reported loss is measured on the stored weights.</summary>
    public bool StoreBFloat16 { get; init; } = true;
}
