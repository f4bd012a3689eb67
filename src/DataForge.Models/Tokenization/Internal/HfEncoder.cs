using System.Text;
using Microsoft.ML.Tokenizers;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Encodes as Hugging Face tokenizers do for a byte-level BPE: normalize, cut out added tokens,
/// pre-tokenize each ordinary segment into words, then BPE each word (Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/> with <c>ByteLevel</c>, one word at a time).
/// </summary>
internal sealed class HfEncoder
{
    private readonly BpeTokenizer _bpe;
    private readonly Dictionary<string, int>? _wholeWords;
    private readonly AddedTokenMatcher _matcher;
    private readonly PreTokenizerPipeline _preTokenizer;
    private readonly bool _nfc;
    private readonly TokenTable _table;

    public HfEncoder(HfTokenizerDefinition definition, TokenTable table)
    {
        _bpe = BpeTokenizer.Create(new BpeOptions(definition.Vocab) { Merges = definition.Merges, ByteLevel = true });
        _wholeWords = definition.IgnoreMerges ? definition.Vocab : null;
        _matcher = new AddedTokenMatcher(definition.AddedTokens);
        _preTokenizer = definition.PreTokenizer;
        _nfc = definition.Nfc;
        _table = table;
    }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>, and their spans when <paramref name="spans"/> is given.</summary>
    public void Encode(string text, bool allowSpecial, List<int> ids, List<TokenSpan>? spans)
    {
        int[]? map = null;
        var normalized = _nfc ? NfcNormalizer.Normalize(text, out map) : text;
        var segments = new List<Segment>();
        _matcher.Split(normalized, allowSpecial, segments);
        foreach (var segment in segments)
        {
            if (segment.TokenId >= 0)
            {
                ids.Add(segment.TokenId);
                spans?.Add(TokenOffsets.Map(segment.TokenId, segment.Start, segment.Start + segment.Length, map));
                continue;
            }

            foreach (var piece in _preTokenizer.Split(normalized, segment.Start, segment.Length))
            {
                EncodeWord(normalized, piece, ids, spans, map);
            }
        }
    }

    private void EncodeWord(string text, Piece piece, List<int> ids, List<TokenSpan>? spans, int[]? map)
    {
        var prefixed = piece.PrefixSpace ? string.Concat(" ", text.AsSpan(piece.Start, piece.Length)) : null;
        var word = prefixed is null ? text.AsSpan(piece.Start, piece.Length) : prefixed.AsSpan();
        var first = ids.Count;
        if (_wholeWords is not null && _wholeWords.TryGetValue(Spell(word), out var whole))
        {
            ids.Add(whole);
        }
        else
        {
            ids.AddRange(_bpe.EncodeToIds(word, considerPreTokenization: false, considerNormalization: false));
        }

        if (spans is not null)
        {
            TokenOffsets.AddWord(word, prefixed is null ? 0 : 1, piece.Start, ids, first, _table, map, spans);
        }
    }

    /// <summary>The word as a vocabulary entry: its UTF-8 bytes in the byte-level alphabet.</summary>
    private static string Spell(ReadOnlySpan<char> word)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(word)];
        Encoding.UTF8.GetBytes(word, bytes);
        return ByteLevelAlphabet.Encode(bytes);
    }
}
