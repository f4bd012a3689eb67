using System.Collections.Concurrent;
using DataForge.Generation.Similarity;

namespace DataForge.Generation.Novelty;

/// <summary>
/// The accepted set of the novelty filter and the exact nearest-neighbour query over it.
/// </summary>
/// <remarks>
/// A query finds, exactly, the <c>k</c> accepted records with the highest Rouge-L F (F &gt; 0) against
/// the candidate. Only records sharing a token can have F &gt; 0; an inverted index (token → records
/// with their counts) yields them with the token-overlap bound LCS ≤ Σ_t min(count_c(t), count_p(t))
/// (which is also ≤ min(|c|, |p|), the length bound). Candidates are visited in order of their bound
/// F ≤ 2·L/(|c|+|p|) (bucketed to 1/1024, a counting sort); a pair is skipped when its bound is below the current k-th best score (by a
/// margin of 1e-9, far above floating-point error), so the skipped pairs could never enter the list.
/// Survivors get the bit-parallel LCS (<see cref="LcsMasks"/> over the candidate), in batches (batches of 2048 or more spread over all cores; smaller ones
/// cost more to split than to run); the batch results are merged in (F desc, id, index) order, so the answer does not
/// depend on thread timing.
/// </remarks>
internal sealed class NoveltyIndex
{
    private const double Margin = 1e-9;
    private const int Buckets = 1024;
    private readonly List<string> _ids = [];
    private readonly List<int[]> _tokens = [];
    private readonly List<List<Posting>> _postings = [];
    private readonly int _keep;
    private readonly int _parallelMinimum;
    private int[] _overlap = new int[1024];
    private int[] _rowOf = [];

    /// <summary>Creates an empty index whose queries return the <paramref name="keep"/> nearest (at least 1, for the maximum).</summary>
    /// <param name="keep">Nearest records kept per query.</param>
    /// <param name="parallelMinimum">Smallest batch spread over the cores (tests lower it to exercise the parallel path).</param>
    public NoveltyIndex(int keep, int parallelMinimum = 2048)
    {
        _keep = Math.Max(1, keep);
        _parallelMinimum = Math.Max(1, parallelMinimum);
    }

    /// <summary>Number of accepted records.</summary>
    public int Count => _ids.Count;

    /// <summary>The maximum F and the nearest accepted records for a candidate's token ids.</summary>
    public NoveltyResult Query(int[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Length == 0 || Count == 0)
        {
            return new NoveltyResult(0, []);
        }

        var (records, bounds, edges) = Candidates(tokens);
        var masks = new LcsMasks(tokens, RowScratch(tokens.Max() + 1));
        var top = Score(masks, records, bounds, edges);
        masks.Release();
        var best = top.Items.Count > 0 ? top.Items[0].F : 0;
        return new NoveltyResult(best, top.Items.ToList());
    }

    /// <summary>Adds an accepted record.</summary>
    public void Add(string id, int[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var index = Count;
        _ids.Add(id);
        _tokens.Add(tokens);
        foreach (var (token, count) in Counts(tokens))
        {
            while (_postings.Count <= token)
            {
                _postings.Add([]);
            }

            _postings[token].Add(new Posting(index, count));
        }

        if (_overlap.Length < Count)
        {
            Array.Resize(ref _overlap, _overlap.Length * 2);
        }
    }

    // Every accepted record sharing a token, with the F bound of its overlap, in (bucketed) best-bound-first order.
    private (int[] Records, double[] Bounds, double[] Edges) Candidates(int[] tokens)
    {
        var touched = new List<int>();
        foreach (var (token, count) in Counts(tokens))
        {
            if (token >= _postings.Count)
            {
                continue;
            }

            foreach (var posting in _postings[token])
            {
                if (_overlap[posting.Record] == 0)
                {
                    touched.Add(posting.Record);
                }

                _overlap[posting.Record] += Math.Min(count, posting.Count);
            }
        }

        return BucketOrder(touched, tokens.Length);
    }

    // Counting sort by the bound quantized to 1/Buckets, best bucket first: O(n), no comparison sort.
    // Edges[i] is the upper edge of item i's bucket, at least the bound of every later item.
    private (int[] Records, double[] Bounds, double[] Edges) BucketOrder(List<int> touched, int length)
    {
        var starts = new int[Buckets + 2];
        var bucketOf = new int[touched.Count];
        var boundOf = new double[touched.Count];
        for (var i = 0; i < touched.Count; i++)
        {
            var record = touched[i];
            boundOf[i] = RougeL.FBound(_overlap[record], length, _tokens[record].Length);
            bucketOf[i] = Buckets - Math.Clamp((int)(boundOf[i] * Buckets), 0, Buckets);
            starts[bucketOf[i] + 1]++;
            _overlap[record] = 0;
        }

        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }

        var records = new int[touched.Count];
        var bounds = new double[touched.Count];
        var edges = new double[touched.Count];
        for (var i = 0; i < touched.Count; i++)
        {
            var at = starts[bucketOf[i]]++;
            records[at] = touched[i];
            bounds[at] = boundOf[i];
            edges[at] = (Buckets - bucketOf[i] + 1) / (double)Buckets;
        }

        return (records, bounds, edges);
    }

    private TopNeighbours Score(LcsMasks masks, int[] records, double[] bounds, double[] edges)
    {
        var top = new TopNeighbours(_keep);
        var scores = new double[records.Length];
        var batch = 64;
        for (var start = 0; start < records.Length && edges[start] >= top.Floor - Margin; start += batch, batch = Math.Min(batch * 2, 4096))
        {
            var end = Math.Min(records.Length, start + batch);
            var floor = top.Floor - Margin;
            if (end - start >= _parallelMinimum)
            {
                Parallel.ForEach(Partitioner.Create(start, end), range => ScoreRange(masks, records, bounds, scores, range.Item1, range.Item2, floor));
            }
            else
            {
                ScoreRange(masks, records, bounds, scores, start, end, floor);
            }

            for (var i = start; i < end; i++)
            {
                if (scores[i] > 0)
                {
                    top.Add(new Neighbour(_ids[records[i]], records[i], scores[i]));
                }
            }
        }

        return top;
    }

    private void ScoreRange(LcsMasks masks, int[] records, double[] bounds, double[] scores, int start, int end, double floor)
    {
        for (var i = start; i < end; i++)
        {
            var other = _tokens[records[i]];
            scores[i] = bounds[i] < floor ? 0 : RougeL.F(masks.LcsWith(other), masks.Length, other.Length);
        }
    }

    private int[] RowScratch(int size)
    {
        if (_rowOf.Length < size)
        {
            var old = _rowOf.Length;
            Array.Resize(ref _rowOf, Math.Max(size, old * 2));
            Array.Fill(_rowOf, -1, old, _rowOf.Length - old);
        }

        return _rowOf;
    }

    private static Dictionary<int, int> Counts(int[] tokens)
    {
        var counts = new Dictionary<int, int>();
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    private readonly record struct Posting(int Record, int Count);
}
