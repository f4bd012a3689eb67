namespace DataForge.Models.Tokenization.Internal;

/// <summary>A queued pair and the count it had when queued.</summary>
internal readonly record struct PairRank(long Count, int Left, int Right);

/// <summary>Orders pairs for the min-queue: higher count first, then the spellings of left and right, ordinally.</summary>
internal sealed class PairRankComparer(IReadOnlyList<string> tokens) : IComparer<PairRank>
{
    public int Compare(PairRank x, PairRank y)
    {
        var byCount = y.Count.CompareTo(x.Count);
        if (byCount != 0)
        {
            return byCount;
        }

        var byLeft = string.CompareOrdinal(tokens[x.Left], tokens[y.Left]);
        return byLeft != 0 ? byLeft : string.CompareOrdinal(tokens[x.Right], tokens[y.Right]);
    }
}
