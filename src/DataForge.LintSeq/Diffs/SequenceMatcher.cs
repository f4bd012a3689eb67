namespace DataForge.LintSeq.Diffs;

/// <summary>
/// A port of CPython's <c>difflib.SequenceMatcher</c> over lines (no junk function, autojunk on),
/// so hunks come out exactly where the reference's <c>difflib.unified_diff</c> puts them — including
/// its choices among repeated lines and its "popular line" heuristic for sequences of 200+ lines.
/// </summary>
/// <remarks>Ported algorithm (Python Software Foundation License); see CPython <c>Lib/difflib.py</c>.</remarks>
internal sealed class SequenceMatcher
{
    private readonly IReadOnlyList<string> _a;
    private readonly IReadOnlyList<string> _b;
    private readonly Dictionary<string, List<int>> _b2j = new(StringComparer.Ordinal);

    public SequenceMatcher(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        _a = a;
        _b = b;
        for (var j = 0; j < b.Count; j++)
        {
            if (!_b2j.TryGetValue(b[j], out var list))
            {
                _b2j[b[j]] = list = [];
            }

            list.Add(j);
        }

        // autojunk: in a sequence of 200+ items, items occurring more than 1% + 1 times are "popular" and not indexed.
        if (b.Count >= 200)
        {
            var limit = (b.Count / 100) + 1;
            foreach (var popular in _b2j.Where(kv => kv.Value.Count > limit).Select(kv => kv.Key).ToList())
            {
                _b2j.Remove(popular);
            }
        }
    }

    /// <summary><c>get_opcodes()</c>: (tag, i1, i2, j1, j2).</summary>
    public List<(string Tag, int I1, int I2, int J1, int J2)> GetOpcodes()
    {
        var i = 0;
        var j = 0;
        var answer = new List<(string, int, int, int, int)>();
        foreach (var (ai, bj, size) in GetMatchingBlocks())
        {
            var tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : "";
            if (tag.Length > 0)
            {
                answer.Add((tag, i, ai, j, bj));
            }

            i = ai + size;
            j = bj + size;
            if (size > 0)
            {
                answer.Add(("equal", ai, i, bj, j));
            }
        }

        return answer;
    }

    private List<(int A, int B, int Size)> GetMatchingBlocks()
    {
        var queue = new Stack<(int, int, int, int)>();
        queue.Push((0, _a.Count, 0, _b.Count));
        var blocks = new List<(int A, int B, int Size)>();
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var (i, j, k) = FindLongestMatch(alo, ahi, blo, bhi);
            if (k == 0)
            {
                continue;
            }

            blocks.Add((i, j, k));
            if (alo < i && blo < j)
            {
                queue.Push((alo, i, blo, j));
            }

            if (i + k < ahi && j + k < bhi)
            {
                queue.Push((i + k, ahi, j + k, bhi));
            }
        }

        blocks.Sort();
        var collapsed = new List<(int, int, int)>();
        var (i1, j1, k1) = (0, 0, 0);
        foreach (var (i2, j2, k2) in blocks)
        {
            if (i1 + k1 == i2 && j1 + k1 == j2)
            {
                k1 += k2;
                continue;
            }

            if (k1 > 0)
            {
                collapsed.Add((i1, j1, k1));
            }

            (i1, j1, k1) = (i2, j2, k2);
        }

        if (k1 > 0)
        {
            collapsed.Add((i1, j1, k1));
        }

        collapsed.Add((_a.Count, _b.Count, 0));
        return collapsed;
    }

    private (int I, int J, int Size) FindLongestMatch(int alo, int ahi, int blo, int bhi)
    {
        var (besti, bestj, bestsize) = (alo, blo, 0);
        var j2len = new Dictionary<int, int>();
        for (var i = alo; i < ahi; i++)
        {
            var next = new Dictionary<int, int>();
            if (_b2j.TryGetValue(_a[i], out var js))
            {
                foreach (var j in js)
                {
                    if (j < blo)
                    {
                        continue;
                    }

                    if (j >= bhi)
                    {
                        break;
                    }

                    var k = next[j] = j2len.GetValueOrDefault(j - 1) + 1;
                    if (k > bestsize)
                    {
                        (besti, bestj, bestsize) = (i - k + 1, j - k + 1, k);
                    }
                }
            }

            j2len = next;
        }

        // Extend over equal (popular, unindexed) lines on both ends; there is no junk to suck up.
        while (besti > alo && bestj > blo && _a[besti - 1] == _b[bestj - 1])
        {
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        }

        while (besti + bestsize < ahi && bestj + bestsize < bhi && _a[besti + bestsize] == _b[bestj + bestsize])
        {
            bestsize++;
        }

        return (besti, bestj, bestsize);
    }
}
