using DataForge.Models.Tokenization.Internal;

namespace DataForge.Models.Tokenization;

/// <summary>A byte-level BPE learned by <see cref="BpeTrainer"/>: vocabulary, ordered merges and special tokens.</summary>
public sealed class TrainedBpe
{
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);

    internal TrainedBpe(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> specialTokens)
    {
        Tokens = [.. tokens, .. specialTokens];
        for (var id = 0; id < Tokens.Count; id++)
        {
            if (!_vocabulary.TryAdd(Tokens[id], id))
            {
                throw new ArgumentException($"The special token '{Tokens[id]}' was also learned as an ordinary token.", nameof(specialTokens));
            }
        }

        Merges = [.. merges];
        SpecialTokens = [.. specialTokens];
    }

    /// <summary>Every token by id, in byte-level spelling; the special tokens (as written) are last.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Token to id.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    /// <summary>Merges in rank order (first learned first).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>The special tokens, which hold the highest ids in this order.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>Number of ids (may be below the requested size when the corpus ran out of pairs).</summary>
    public int VocabularySize => Tokens.Count;

    /// <summary>
    /// Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> (with <paramref name="chatFormat"/>'s
    /// chat template, end-of-turn as EOS) into <paramref name="folder"/>, creating it if needed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The format needs special tokens this tokenizer lacks (see <see cref="ChatFormat.SpecialTokens"/>).</exception>
    public void Save(string folder, ChatFormatKind chatFormat, int modelMaxLength = 2048)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelMaxLength, 1);
        var format = ChatFormat.For(chatFormat);
        var missing = format.SpecialTokens.Where(t => !SpecialTokens.Contains(t, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {format.Name} chat format needs the special tokens {string.Join(", ", missing)}; train with ChatFormat.{format.Kind}.SpecialTokens.");
        }

        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, HfTokenizer.TokenizerFileName), HfTokenizerWriter.TokenizerJson(this));
        File.WriteAllBytes(Path.Combine(folder, HfTokenizerConfig.FileName), HfTokenizerWriter.ConfigJson(format, modelMaxLength));
    }
}
