using System.Runtime.InteropServices;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>Pre-tokenizes a corpus with the GPT-2 regex and counts each word; special tokens are cut out first.</summary>
internal static class WordCounter
{
    public static Dictionary<string, long> Count(IEnumerable<string> corpus, IReadOnlyList<string> specialTokens)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var matcher = new AddedTokenMatcher([.. specialTokens.Select((token, id) => new AddedToken(id, token, Special: true))]);
        var segments = new List<Segment>();
        foreach (var document in corpus)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(corpus));
            matcher.Split(document, allowSpecial: true, segments);
            foreach (var segment in segments.Where(s => s.TokenId < 0))
            {
                var text = document.AsSpan(segment.Start, segment.Length);
                foreach (var match in Gpt2Pattern.Regex.EnumerateMatches(text))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(lookup, text.Slice(match.Index, match.Length), out _)++;
                }
            }
        }

        return counts;
    }
}
