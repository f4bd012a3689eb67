using DataForge.Generation.Similarity;

namespace DataForge.Generation.Novelty;

/// <summary>
/// The novelty rule by its plain definition (docs/algorithms.md#rouge-l-novelty-filter): every candidate against every
/// accepted record, dynamic-programming LCS, no pruning. O(n²); the oracle for tests and benchmarks.
/// </summary>
internal static class NaivePairwise
{
    /// <summary>Runs the rule over <paramref name="items"/> in order; per item: accepted or not, and its max F and nearest list.</summary>
    /// <remarks>With <paramref name="stem"/>, tokens are Porter-stemmed as <see cref="NoveltyFilterOptions.Stem"/> does.</remarks>
    public static List<(bool Accepted, NoveltyResult Result)> Run(IReadOnlyList<(string Id, string Text)> items, double threshold, int nearest, bool stem = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        var vocabulary = new TokenVocabulary();
        var accepted = new List<(string Id, int[] Tokens)>();
        var results = new List<(bool, NoveltyResult)>(items.Count);
        foreach (var (id, text) in items)
        {
            var tokens = vocabulary.Encode(RougeL.Tokenize(text, stem));
            var neighbours = new List<Neighbour>();
            for (var j = 0; j < accepted.Count; j++)
            {
                var f = RougeL.F(RougeL.LcsLengthDp(tokens, accepted[j].Tokens), tokens.Length, accepted[j].Tokens.Length);
                if (f > 0)
                {
                    neighbours.Add(new Neighbour(accepted[j].Id, j, f));
                }
            }

            neighbours.Sort(Neighbour.Compare);
            var max = neighbours.Count > 0 ? neighbours[0].F : 0;
            var keep = max <= threshold;
            if (keep)
            {
                accepted.Add((id, tokens));
            }

            results.Add((keep, new NoveltyResult(max, neighbours.Take(nearest).ToList())));
        }

        return results;
    }
}
