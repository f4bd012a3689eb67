using DataForge.Generation.Similarity;

namespace DataForge.Generation.Ensemble;

/// <summary>The Ensemble-Instruct output consensus rule (docs/algorithms.md#consensus-vote), for two or more candidates.</summary>
/// <remarks>
/// <para>Each output is normalized (lower case, ASCII punctuation removed, whitespace collapsed).</para>
/// <para><b>Exact match first.</b> Candidates with identical, non-empty normalized outputs form groups;
/// the largest group of two or more wins, ties going to the group whose first member comes first,
/// and the group's first member is kept. With three candidates this is exactly the reference:
/// <c>o0</c> when it matches <c>o1</c> or <c>o2</c>, else <c>o1</c> when <c>o1 = o2</c>. Unlike the
/// reference, outputs that normalize to "" never agree (docs/algorithms.md#consensus-vote).</para>
/// <para><b>Otherwise Rouge-L.</b> Each candidate scores the sum of its Rouge-L F against every other
/// normalized output; the highest sum wins, ties going to the earlier candidate (vote order: the
/// generator's output, then the ensemble models in configured order). It is kept only when the
/// minimum pairwise F is above the threshold (default <see cref="DefaultThreshold"/>) and it is
/// not empty; otherwise there is no consensus.</para>
/// <para>Rouge-L is <see cref="Similarity.RougeL"/> with the Porter stemmer on by default, as the
/// reference (rouge_score's <c>use_stemmer=True</c>), so inflected forms (<c>runs</c> /
/// <c>running</c>) match; <c>stem: false</c> compares the tokens as written.</para>
/// </remarks>
public static class EnsembleConsensus
{
    /// <summary>The reference's minimum pairwise Rouge-L: 0.01 (github.com/IBM/ensemble-instruct).</summary>
    public const double DefaultThreshold = 0.01;

    /// <summary>Applies the rule to <paramref name="candidates"/> (at least two, in vote order); <paramref name="stem"/> turns the Rouge-L Porter stemmer on or off.</summary>
    public static EnsembleConsensusResult Decide(IReadOnlyList<EnsembleCandidate> candidates, double threshold = DefaultThreshold, bool stem = true)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count < 2 || candidates.Any(c => c is null))
        {
            throw new ArgumentException("a vote needs at least two non-null candidates", nameof(candidates));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        var normalized = candidates.Select(c => EnsembleText.Normalize(c.Output)).ToList();
        var pairs = PairScores(normalized, stem);
        var scores = SummedScores(candidates.Count, pairs);
        if (ExactWinner(normalized) is { } exact)
        {
            return new EnsembleConsensusResult(candidates, pairs, scores, exact, EnsembleConsensusResult.ExactMatch, threshold);
        }

        var best = ArgMax(scores);
        var kept = pairs.Min(p => p.F) > threshold && normalized[best].Length > 0;
        return kept
            ? new EnsembleConsensusResult(candidates, pairs, scores, best, EnsembleConsensusResult.RougeL, threshold)
            : new EnsembleConsensusResult(candidates, pairs, scores, null, EnsembleConsensusResult.None, threshold);
    }

    /// <summary>The first member of the largest group (size ≥ 2) of identical non-empty normalized outputs; ties: the group starting first.</summary>
    internal static int? ExactWinner(IReadOnlyList<string> normalized)
    {
        int? winner = null;
        var winnerSize = 1;
        for (var i = 0; i < normalized.Count; i++)
        {
            if (normalized[i].Length == 0 || normalized.Take(i).Contains(normalized[i], StringComparer.Ordinal))
            {
                continue;
            }

            var size = normalized.Count(n => string.Equals(n, normalized[i], StringComparison.Ordinal));
            if (size > winnerSize)
            {
                (winner, winnerSize) = (i, size);
            }
        }

        return winner;
    }

    private static List<EnsemblePairScore> PairScores(IReadOnlyList<string> normalized, bool stem)
    {
        var vocabulary = new TokenVocabulary();
        var tokens = normalized.Select(n => vocabulary.Encode(Similarity.RougeL.Tokenize(n, stem))).ToList();
        var pairs = new List<EnsemblePairScore>();
        for (var a = 0; a < tokens.Count; a++)
        {
            for (var b = a + 1; b < tokens.Count; b++)
            {
                var lcs = Similarity.RougeL.LcsLength(tokens[a], tokens[b]);
                pairs.Add(new EnsemblePairScore(a, b, Similarity.RougeL.F(lcs, tokens[a].Length, tokens[b].Length)));
            }
        }

        return pairs;
    }

    private static double[] SummedScores(int count, IEnumerable<EnsemblePairScore> pairs)
    {
        var scores = new double[count];
        foreach (var pair in pairs)
        {
            scores[pair.First] += pair.F;
            scores[pair.Second] += pair.F;
        }

        return scores;
    }

    // Strictly greater replaces, so the earliest candidate wins a tie.
    private static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }
}
