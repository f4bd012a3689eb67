using System.Text;
using DataForge.Models.Tokenization.Internal;

namespace DataForge.Models.Tokenization;

/// <summary>
/// Decodes ids one at a time and returns only complete text: bytes of a character split across
/// tokens are held back until the character is whole. Generation uses it for streaming and stop strings.
/// </summary>
/// <remarks>
/// Concatenating every <see cref="Push"/> result and then <see cref="Flush"/> gives the same text as
/// <see cref="HfTokenizer.Decode"/> on all the ids. Invalid UTF-8 becomes U+FFFD as soon as it is
/// known to be invalid. Not thread-safe: one decoder per sequence.
/// </remarks>
public sealed class StreamingDecoder
{
    private readonly TokenTable _table;
    private readonly bool _skipSpecial;
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

    internal StreamingDecoder(TokenTable table, bool skipSpecial)
    {
        _table = table;
        _skipSpecial = skipSpecial;
    }

    /// <summary>Adds one id; returns the text completed by it (often empty while a character is incomplete).</summary>
    public string Push(int id) => Decode(_table.BytesOf(id, _skipSpecial), flush: false);

    /// <summary>Ends the sequence: bytes still held back (an incomplete character) come out as U+FFFD.</summary>
    public string Flush() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        // Up to 3 bytes may be pending from earlier pushes, each worth at most one char.
        var chars = new char[bytes.Length + 4];
        var count = _utf8.GetChars(bytes, chars, flush);
        return new string(chars, 0, count);
    }
}
