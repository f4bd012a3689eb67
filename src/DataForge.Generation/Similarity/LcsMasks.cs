using System.Numerics;

namespace DataForge.Generation.Similarity;

/// <summary>
/// The match bit masks of one token sequence, for the bit-parallel LCS of Allison–Dix / Hyyrö:
/// bit i of a token's mask is set where the sequence holds that token; 64-bit words, as many as needed.
/// </summary>
/// <remarks>
/// For each token t of the other sequence, V ← (V + (V &amp; M[t])) | (V &amp; ~M[t]), starting from all ones;
/// the LCS is the number of zero bits at the end. Tokens absent from this sequence leave V unchanged
/// and are skipped. Read-only after construction, so one instance serves many threads.
/// </remarks>
internal sealed class LcsMasks
{
    private readonly int[] _rowOf;
    private readonly int[] _sequence;
    private readonly ulong[] _masks;

    /// <summary>Builds the masks over <paramref name="sequence"/>.</summary>
    /// <param name="sequence">Token ids, all below <paramref name="rowOf"/>'s length.</param>
    /// <param name="rowOf">Scratch indexed by token id, all -1; filled here and reset by <see cref="Release"/>.</param>
    public LcsMasks(int[] sequence, int[] rowOf)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(rowOf);
        _sequence = sequence;
        _rowOf = rowOf;
        Length = sequence.Length;
        Words = Math.Max(1, (sequence.Length + 63) / 64);
        var rows = 0;
        foreach (var token in sequence)
        {
            if (rowOf[token] < 0)
            {
                rowOf[token] = rows++;
            }
        }

        _masks = new ulong[rows * Words];
        for (var i = 0; i < sequence.Length; i++)
        {
            _masks[(rowOf[sequence[i]] * Words) + (i >> 6)] |= 1UL << (i & 63);
        }
    }

    /// <summary>Masks over <paramref name="sequence"/> with a scratch table of their own.</summary>
    public static LcsMasks Create(int[] sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var rowOf = new int[sequence.Length == 0 ? 0 : sequence.Max() + 1];
        Array.Fill(rowOf, -1);
        return new LcsMasks(sequence, rowOf);
    }

    /// <summary>Length of the sequence the masks describe.</summary>
    public int Length { get; }

    /// <summary>64-bit words per mask.</summary>
    public int Words { get; }

    /// <summary>Resets the scratch table to all -1 so the next candidate can use it.</summary>
    public void Release()
    {
        foreach (var token in _sequence)
        {
            _rowOf[token] = -1;
        }
    }

    private int RowOf(int token) => (uint)token < (uint)_rowOf.Length ? _rowOf[token] : -1;

    /// <summary>LCS length between the sequence and <paramref name="other"/>.</summary>
    public int LcsWith(int[] other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Length == 0 ? 0 : Words == 1 ? SingleWord(other) : MultiWord(other);
    }

    private int SingleWord(int[] other)
    {
        var v = ulong.MaxValue;
        foreach (var token in other)
        {
            var row = RowOf(token);
            if (row >= 0)
            {
                var m = _masks[row];
                v = (v + (v & m)) | (v & ~m);
            }
        }

        return BitOperations.PopCount(~v);
    }

    private int MultiWord(int[] other)
    {
        var words = Words;
        Span<ulong> v = words <= 64 ? stackalloc ulong[words] : new ulong[words];
        v.Fill(ulong.MaxValue);
        foreach (var token in other)
        {
            var row = RowOf(token);
            if (row >= 0)
            {
                Step(v, _masks.AsSpan(row * words, words));
            }
        }

        var lcs = 0;
        foreach (var word in v)
        {
            lcs += BitOperations.PopCount(~word);
        }

        return lcs;
    }

    // Bits past Length stay 1: their mask bits are 0, so a carry into them is absorbed by the OR.
    private static void Step(Span<ulong> v, ReadOnlySpan<ulong> m)
    {
        ulong carry = 0;
        for (var k = 0; k < v.Length; k++)
        {
            var x = v[k];
            var u = x & m[k];
            var sum = x + u;
            var carryOut = sum < x ? 1UL : 0UL;
            sum += carry;
            carryOut |= sum < carry ? 1UL : 0UL;
            v[k] = sum | (x & ~m[k]);
            carry = carryOut;
        }
    }
}
