using System.Text;

namespace DataForge.Models.Tokenization;

/// <summary>
/// GPT-2's byte-to-character alphabet: each of the 256 byte values is spelled as one printable
/// character, so that byte-level BPE vocabularies and merges can be written as JSON strings.
/// </summary>
/// <remarks>
/// Printable Latin-1 bytes (<c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c>, <c>®</c>..<c>ÿ</c>) stand for
/// themselves; the other 68 bytes, in ascending order, take U+0100 upwards (so a space is <c>Ġ</c>).
/// </remarks>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByte = BuildCharToByte();

    /// <summary>The character that spells <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => ByteToChar[value];

    /// <summary>The byte spelled by <paramref name="c"/>, when it is a character of the alphabet.</summary>
    public static bool TryGetByte(char c, out byte value) => CharToByte.TryGetValue(c, out value);

    /// <summary>Spells raw bytes in the alphabet.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }

        return new string(chars);
    }

    /// <summary>Spells the UTF-8 bytes of <paramref name="text"/> in the alphabet.</summary>
    public static string EncodeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// The bytes a token string stands for; false when a character is outside the alphabet
    /// (then <paramref name="bytes"/> is empty).
    /// </summary>
    public static bool TryDecode(string token, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!CharToByte.TryGetValue(token[i], out result[i]))
            {
                bytes = [];
                return false;
            }
        }

        bytes = result;
        return true;
    }

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }

    private static Dictionary<char, byte> BuildCharToByte()
    {
        var map = new Dictionary<char, byte>(256);
        for (var b = 0; b < 256; b++)
        {
            map[ByteToChar[b]] = (byte)b;
        }

        return map;
    }
}
