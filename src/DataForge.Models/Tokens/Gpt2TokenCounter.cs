using DataForge.Core.Seams;
using Microsoft.ML.Tokenizers;

namespace DataForge.Models.Tokens;

/// <summary>Counts tokens with the GPT-2 byte-level BPE (Microsoft.ML.Tokenizers' embedded encoding; no download).</summary>
public sealed class Gpt2TokenCounter : ITokenCounter
{
    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    /// <inheritdoc/>
    public string Name => "gpt2";

    /// <inheritdoc/>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Shared.Value.CountTokens(text, considerPreTokenization: true, considerNormalization: true);
    }
}
