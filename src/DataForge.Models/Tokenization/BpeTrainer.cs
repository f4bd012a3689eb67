using DataForge.Models.Tokenization.Internal;

namespace DataForge.Models.Tokenization;

/// <summary>
/// Trains a byte-level BPE tokenizer (GPT-2 style) on a corpus: the result saves as a Hugging Face
/// <c>tokenizer.json</c> that <see cref="HfTokenizer"/> (and Hugging Face tooling) loads.
/// </summary>
/// <remarks>
/// Each document is cut at the special tokens, pre-tokenized with the GPT-2 regex and its words are
/// counted; words are spelled in the byte-level alphabet (<see cref="ByteLevelAlphabet"/>), all 256
/// byte tokens are in the vocabulary (ids 0..255 in the alphabet's character order, as GPT-2), and
/// the most frequent adjacent pair is merged until the vocabulary is full. The result is
/// deterministic: ties go to the pair whose left, then right, token sorts first ordinally, and
/// nothing depends on hashing or thread scheduling. Special tokens get the highest ids.
/// </remarks>
public static class BpeTrainer
{
    /// <summary>Trains on <paramref name="corpus"/> (each item one document).</summary>
    public static TrainedBpe Train(IEnumerable<string> corpus, BpeTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var learned = options.VocabularySize - options.SpecialTokens.Count;
        if (learned < 256)
        {
            throw new ArgumentException(
                $"VocabularySize {options.VocabularySize} leaves no room for 256 byte tokens and {options.SpecialTokens.Count} special tokens.", nameof(options));
        }

        var merger = new BpeMerger(WordCounter.Count(corpus, options.SpecialTokens));
        merger.Run(learned, options.MinFrequency);
        var merges = merger.Merges.Select(m => (merger.Tokens[m.Left], merger.Tokens[m.Right])).ToList();
        return new TrainedBpe(merger.Tokens, merges, options.SpecialTokens);
    }
}
