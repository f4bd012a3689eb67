namespace DataForge.Models.Tokenization.Internal;

/// <summary>A byte-level vocabulary spells every byte with one token; without that, some text cannot be encoded.</summary>
internal static class ByteCoverage
{
    public static void Check(HfTokenizerDefinition definition, string path)
    {
        var missing = Enumerable.Range(0, 256)
            .Select(b => ByteLevelAlphabet.ToChar((byte)b).ToString())
            .Where(token => !definition.Vocab.ContainsKey(token))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"{path}: $.model.vocab: not a byte-level vocabulary: {missing.Count} of the 256 byte tokens are missing (first: '{missing[0]}')");
        }
    }
}
