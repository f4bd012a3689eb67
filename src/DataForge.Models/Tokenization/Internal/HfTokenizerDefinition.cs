namespace DataForge.Models.Tokenization.Internal;

/// <summary>What DataForge takes from a <c>tokenizer.json</c>.</summary>
internal sealed class HfTokenizerDefinition
{
    public required Dictionary<string, int> Vocab { get; init; }

    /// <summary>Merges in rank order, each as <c>"left right"</c>.</summary>
    public required List<string> Merges { get; init; }

    public required List<AddedToken> AddedTokens { get; init; }

    public required bool Nfc { get; init; }

    public required PreTokenizerPipeline PreTokenizer { get; init; }

    /// <summary><c>model.ignore_merges</c>: a word that is itself in the vocabulary is one token.</summary>
    public required bool IgnoreMerges { get; init; }

    /// <summary>The special token a <c>TemplateProcessing</c> post-processor puts first, if any (Llama 3's BOS).</summary>
    public required string? TemplateFirstToken { get; init; }
}
