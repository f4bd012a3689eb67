using System.Text;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>What each id stands for: its bytes, and whether it is a special token.</summary>
internal sealed class TokenTable
{
    private readonly byte[]?[] _bytes;
    private readonly bool[] _special;

    public TokenTable(IReadOnlyDictionary<string, int> vocab, IReadOnlyList<AddedToken> addedTokens)
    {
        var size = Math.Max(vocab.Count == 0 ? 0 : vocab.Values.Max(), addedTokens.Count == 0 ? -1 : addedTokens.Max(t => t.Id)) + 1;
        _bytes = new byte[]?[size];
        _special = new bool[size];
        foreach (var (token, id) in vocab)
        {
            // A vocabulary entry outside the byte alphabet (a special token kept in the vocabulary) is its own UTF-8.
            _bytes[id] = ByteLevelAlphabet.TryDecode(token, out var bytes) ? bytes : Encoding.UTF8.GetBytes(token);
        }

        foreach (var added in addedTokens)
        {
            _bytes[added.Id] = Encoding.UTF8.GetBytes(added.Content);
            _special[added.Id] = added.Special;
        }
    }

    /// <summary>Highest id plus one.</summary>
    public int Count => _bytes.Length;

    public bool IsKnown(int id) => id >= 0 && id < _bytes.Length && _bytes[id] is not null;

    public bool IsSpecial(int id) => IsKnown(id) && _special[id];

    /// <summary>The bytes of <paramref name="id"/>; unknown ids (and specials when skipped) give none.</summary>
    public ReadOnlySpan<byte> BytesOf(int id, bool skipSpecial)
    {
        if (!IsKnown(id) || (skipSpecial && _special[id]))
        {
            return default;
        }

        return _bytes[id];
    }

    /// <summary>The UTF-8 length of <paramref name="id"/>'s text.</summary>
    public int ByteLength(int id) => IsKnown(id) ? _bytes[id]!.Length : 0;
}
