using System.Buffers;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Finds added tokens in text, leftmost-longest (as Hugging Face tokenizers do), and cuts the text
/// into token and ordinary segments.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Candidates _all;
    private readonly Candidates _ordinaryOnly;

    public AddedTokenMatcher(IReadOnlyList<AddedToken> tokens)
    {
        _all = new Candidates(tokens);
        _ordinaryOnly = new Candidates([.. tokens.Where(t => !t.Special)]);
    }

    /// <summary>Cuts <paramref name="text"/>; special tokens count only when <paramref name="allowSpecial"/> is set.</summary>
    public void Split(string text, bool allowSpecial, List<Segment> output)
    {
        output.Clear();
        var candidates = allowSpecial ? _all : _ordinaryOnly;
        var segmentStart = 0;
        var position = 0;
        while (candidates.Count > 0 && position < text.Length)
        {
            var next = text.AsSpan(position).IndexOfAny(candidates.FirstChars);
            if (next < 0)
            {
                break;
            }

            position += next;
            var match = candidates.LongestAt(text, position);
            if (match is null)
            {
                position++;
                continue;
            }

            AddOrdinary(output, segmentStart, position);
            output.Add(new Segment(position, match.Content.Length, match.Id));
            position += match.Content.Length;
            segmentStart = position;
        }

        AddOrdinary(output, segmentStart, text.Length);
    }

    private static void AddOrdinary(List<Segment> output, int start, int end)
    {
        if (end > start)
        {
            output.Add(new Segment(start, end - start, -1));
        }
    }

    private sealed class Candidates
    {
        private readonly Dictionary<char, AddedToken[]> _byFirstChar;

        public Candidates(IReadOnlyList<AddedToken> tokens)
        {
            // Longest first, so the first hit at a position is the longest one.
            _byFirstChar = tokens
                .Where(t => t.Content.Length > 0)
                .GroupBy(t => t.Content[0])
                .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ThenBy(t => t.Content, StringComparer.Ordinal).ToArray());
            FirstChars = SearchValues.Create([.. _byFirstChar.Keys]);
        }

        public int Count => _byFirstChar.Count;

        public SearchValues<char> FirstChars { get; }

        public AddedToken? LongestAt(string text, int position)
        {
            var rest = text.AsSpan(position);
            foreach (var token in _byFirstChar[text[position]])
            {
                if (rest.StartsWith(token.Content, StringComparison.Ordinal))
                {
                    return token;
                }
            }

            return null;
        }
    }
}
