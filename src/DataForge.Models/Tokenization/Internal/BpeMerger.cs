using System.Runtime.InteropServices;
using System.Text;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// The BPE training loop over counted words: repeatedly merges the most frequent adjacent pair.
/// </summary>
/// <remarks>
/// Pair counts are kept up to date incrementally, with an index from each pair to the words that
/// hold it, so a merge only touches those words. The best pair comes from a priority queue with
/// lazy deletion: an entry whose count is stale is re-queued with the current count when popped.
/// Only pairs with the new token ever grow, and they are queued as they do. Ties are broken by the
/// left and then the right token's spelling, ordinally: the order is total, so the result does not
/// depend on hash or insertion order.
/// </remarks>
internal sealed class BpeMerger
{
    private readonly List<string> _tokens = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int[][] _words;
    private readonly int[] _lengths;
    private readonly long[] _frequencies;
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<long, List<int>> _pairWords = [];
    private readonly PriorityQueue<long, PairRank> _queue;

    public BpeMerger(IReadOnlyDictionary<string, long> wordCounts)
    {
        foreach (var c in Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.ToChar((byte)b)).Order())
        {
            AddToken(c.ToString());
        }

        var words = wordCounts.OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        _words = [.. words.Select(w => ToSymbols(w.Key))];
        _lengths = [.. _words.Select(w => w.Length)];
        _frequencies = [.. words.Select(w => w.Value)];
        _queue = new PriorityQueue<long, PairRank>(new PairRankComparer(_tokens));
        CountInitialPairs();
    }

    /// <summary>Token spellings by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Merges in the order learned, as pairs of ids.</summary>
    public List<(int Left, int Right)> Merges { get; } = [];

    /// <summary>Merges until there are <paramref name="targetTokens"/> tokens or no pair is seen <paramref name="minFrequency"/> times.</summary>
    public void Run(int targetTokens, int minFrequency)
    {
        while (_tokens.Count < targetTokens && TryPopBest(out var pair, out var count) && count >= minFrequency)
        {
            Merge(pair);
        }
    }

    private int AddToken(string spelling)
    {
        if (!_ids.TryGetValue(spelling, out var id))
        {
            id = _tokens.Count;
            _tokens.Add(spelling);
            _ids.Add(spelling, id);
        }

        return id;
    }

    private int[] ToSymbols(string word)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        return [.. bytes.Select(b => _ids[ByteLevelAlphabet.ToChar(b).ToString()])];
    }

    private void CountInitialPairs()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var symbols = _words[w];
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                var key = Key(symbols[i], symbols[i + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(_pairCounts, key, out _) += _frequencies[w];
                AddToIndex(key, w);
            }
        }

        foreach (var (key, count) in _pairCounts)
        {
            _queue.Enqueue(key, new PairRank(count, Left(key), Right(key)));
        }
    }

    private bool TryPopBest(out long pair, out long count)
    {
        while (_queue.TryDequeue(out pair, out var rank))
        {
            count = _pairCounts.GetValueOrDefault(pair);
            if (count == rank.Count)
            {
                return true;
            }

            if (count > 0)
            {
                _queue.Enqueue(pair, rank with { Count = count });
            }
        }

        count = 0;
        return false;
    }

    private void Merge(long pair)
    {
        var (left, right) = (Left(pair), Right(pair));
        var merged = AddToken(_tokens[left] + _tokens[right]);
        Merges.Add((left, right));
        var deltas = new Dictionary<long, long>();
        _pairWords.Remove(pair, out var words);
        foreach (var w in words ?? [])
        {
            MergeWord(w, left, right, merged, deltas);
        }

        foreach (var (key, delta) in deltas)
        {
            var count = _pairCounts.GetValueOrDefault(key) + delta;
            if (count == 0)
            {
                _pairCounts.Remove(key);
            }
            else
            {
                _pairCounts[key] = count;
            }

            if (delta > 0)
            {
                _queue.Enqueue(key, new PairRank(count, Left(key), Right(key)));
            }
        }
    }

    private void MergeWord(int w, int left, int right, int merged, Dictionary<long, long> deltas)
    {
        var symbols = _words[w];
        var length = _lengths[w];
        if (!Contains(symbols, length, left, right))
        {
            return;
        }

        AddPairs(symbols, length, -_frequencies[w], deltas, w, merged: -1);
        var kept = 0;
        for (var i = 0; i < length; kept++)
        {
            var both = i + 1 < length && symbols[i] == left && symbols[i + 1] == right;
            symbols[kept] = both ? merged : symbols[i];
            i += both ? 2 : 1;
        }

        _lengths[w] = kept;
        AddPairs(symbols, kept, _frequencies[w], deltas, w, merged);
    }

    /// <summary>Adds <paramref name="frequency"/> to each adjacent pair's delta; indexes the pairs holding <paramref name="merged"/>.</summary>
    private void AddPairs(int[] symbols, int length, long frequency, Dictionary<long, long> deltas, int w, int merged)
    {
        for (var i = 0; i + 1 < length; i++)
        {
            var key = Key(symbols[i], symbols[i + 1]);
            CollectionsMarshal.GetValueRefOrAddDefault(deltas, key, out _) += frequency;
            if (symbols[i] == merged || symbols[i + 1] == merged)
            {
                AddToIndex(key, w);
            }
        }
    }

    private void AddToIndex(long key, int w)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairWords, key, out _);
        list ??= [];
        if (list.Count == 0 || list[^1] != w)
        {
            list.Add(w);
        }
    }

    private static bool Contains(int[] symbols, int length, int left, int right)
    {
        for (var i = 0; i + 1 < length; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                return true;
            }
        }

        return false;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static int Left(long key) => (int)(key >> 32);

    private static int Right(long key) => (int)key;
}
