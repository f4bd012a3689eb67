namespace DataForge.Core.Seams;

/// <summary>Counts tokens of a text with a fixed tokenizer.</summary>
public interface ITokenCounter
{
    /// <summary>Name of the tokenizer (goes into cache keys and the manifest).</summary>
    string Name { get; }

    /// <summary>The number of tokens in <paramref name="text"/>.</summary>
    int CountTokens(string text);
}
