using System.Text;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Turns the tokens of one word into char spans of the input. A token's span starts at the char
/// holding its first byte; a token that ends inside a character therefore has length 0 and the
/// token holding the character's last byte spans it. Spans are contiguous and cover the input.
/// </summary>
internal static class TokenOffsets
{
    /// <param name="word">The word as encoded (with its virtual leading space, if any).</param>
    /// <param name="virtualChars">1 when the word starts with a space that is not in the text, else 0.</param>
    /// <param name="start">Index of the word's first real char in the normalized text.</param>
    /// <param name="ids">All ids so far; the word's are those from <paramref name="first"/>.</param>
    /// <param name="first">Index in <paramref name="ids"/> of the word's first token.</param>
    /// <param name="table">Token bytes.</param>
    /// <param name="map">Normalized-to-input char map, or null when the text was not changed.</param>
    /// <param name="output">Receives one span per token.</param>
    public static void AddWord(
        ReadOnlySpan<char> word, int virtualChars, int start, List<int> ids, int first, TokenTable table, int[]? map, List<TokenSpan> output)
    {
        var charIndex = 0;
        var runeByteStart = 0;
        var tokenByte = 0;
        var starts = new int[ids.Count - first + 1];
        for (var k = 0; k < starts.Length - 1; k++)
        {
            // Move to the rune holding byte tokenByte.
            while (charIndex < word.Length)
            {
                Rune.DecodeFromUtf16(word[charIndex..], out var rune, out var consumed);
                if (runeByteStart + rune.Utf8SequenceLength > tokenByte)
                {
                    break;
                }

                runeByteStart += rune.Utf8SequenceLength;
                charIndex += consumed;
            }

            starts[k] = charIndex;
            tokenByte += table.ByteLength(ids[first + k]);
        }

        starts[^1] = word.Length;
        for (var k = 0; k < starts.Length - 1; k++)
        {
            var from = start + Math.Max(0, starts[k] - virtualChars);
            var to = start + Math.Max(0, starts[k + 1] - virtualChars);
            output.Add(Map(ids[first + k], from, to, map));
        }
    }

    /// <summary>The span of a token covering normalized chars [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static TokenSpan Map(int id, int from, int to, int[]? map)
    {
        if (map is not null)
        {
            from = map[from];
            to = map[to];
        }

        return new TokenSpan(id, from, to - from);
    }
}
