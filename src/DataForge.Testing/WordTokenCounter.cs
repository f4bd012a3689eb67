using DataForge.Core.Seams;

namespace DataForge.Testing;

/// <summary>An <see cref="ITokenCounter"/> that counts whitespace-separated words (for tests).</summary>
public sealed class WordTokenCounter : ITokenCounter
{
    /// <inheritdoc/>
    public string Name => "words";

    /// <inheritdoc/>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
