using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataForge.Scoring.Less;

/// <summary>
/// A seeded Rademacher random projection from any input length P down to <see cref="Dimension"/>
/// values: <c>y = Rᵀ x</c> with R a P × d matrix of independent ±1/√d entries (TRAK's projector as
/// LESS uses it, docs/algorithms.md#less). Inner products are preserved in expectation and, for
/// n vectors, within the Johnson–Lindenstrauss bound with high probability.
/// </summary>
/// <remarks>
/// R is never held whole: each 64-entry piece of a row is a hash of (seed, row, word), made for a
/// block of <see cref="BlockRows"/> rows at a time (as sign bits) and applied to every vector of the
/// batch before the next block is made. The sums run over rows in increasing order for every column,
/// so the result is bit-for-bit the same whatever the block size or the number of threads. Memory:
/// the batch's outputs plus <c>BlockRows × 64</c> bytes of sign bits per thread. Each thread owns a
/// slice of 512 output columns; a set bit flips the sign of the added value, so no multiply is needed.
/// </remarks>
public sealed class RademacherProjector
{
    /// <summary>The reference's projection dimension.</summary>
    public const int DefaultDimension = 8192;

    private const int ColumnsPerTask = 512;     // 8 words: one thread's slice of the output columns
    private static readonly Vector256<uint>[] SignMasks = BuildSignMasks();

    private readonly ulong _seed;

    /// <summary>Creates a projector.</summary>
    /// <param name="dimension">Output length d (1..1,048,576).</param>
    /// <param name="seed">Fixes R.</param>
    /// <param name="blockRows">Rows of R made at a time (1..65,536): trades memory for fewer passes; never changes the result.</param>
    public RademacherProjector(int dimension = DefaultDimension, ulong seed = 0, int blockRows = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 1 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockRows, 65_536);
        Dimension = dimension;
        BlockRows = blockRows;
        _seed = seed;
    }

    /// <summary>Output length d.</summary>
    public int Dimension { get; }

    /// <summary>Rows of R generated per block.</summary>
    public int BlockRows { get; }

    /// <summary>Projects each vector (all of one length P) to d values.</summary>
    public float[][] Project(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var outputs = vectors.Select(_ => new float[Dimension]).ToArray();
        if (vectors.Count == 0)
        {
            return outputs;
        }

        var length = vectors[0].Length;
        if (vectors.Any(v => v.Length != length))
        {
            throw new ArgumentException("every vector of a batch must have the same length", nameof(vectors));
        }

        var slices = (Dimension + ColumnsPerTask - 1) / ColumnsPerTask;
        Parallel.For(0, slices, slice => ProjectSlice(vectors, outputs, slice * ColumnsPerTask, Math.Min(ColumnsPerTask, Dimension - (slice * ColumnsPerTask))));
        var scale = (float)(1 / Math.Sqrt(Dimension));
        foreach (var output in outputs)
        {
            for (var j = 0; j < output.Length; j++)
            {
                output[j] *= scale;
            }
        }

        return outputs;
    }

    /// <summary>The sign of entry (row, column) of R: +1 or −1 (tests and diagnostics).</summary>
    public int Sign(long row, int column) => ((Word(row, column / 64) >> (column % 64)) & 1) == 0 ? 1 : -1;

    // Columns [first, first + width) of every output: one block of rows at a time, each row added to every vector.
    private void ProjectSlice(IReadOnlyList<float[]> vectors, float[][] outputs, int first, int width)
    {
        var length = vectors[0].Length;
        var words = (width + 63) / 64;
        var block = new ulong[BlockRows * words];
        for (long start = 0; start < length; start += BlockRows)
        {
            var rows = (int)Math.Min(BlockRows, length - start);
            for (var r = 0; r < rows; r++)
            {
                for (var w = 0; w < words; w++)
                {
                    block[(r * words) + w] = Word(start + r, (first / 64) + w);
                }
            }

            for (var k = 0; k < vectors.Count; k++)
            {
                AddBlock(outputs[k].AsSpan(first, width), vectors[k].AsSpan((int)start, rows), block, words);
            }
        }
    }

    // accumulator[j] += Σ_r ±values[r] (sign: bit j of row r's bits), r in increasing order for every j.
    // A set bit flips the float's sign bit, so ±value is exact and no multiply is needed; 64 columns
    // (one word of bits) stay in eight registers across all rows of the block.
    private static void AddBlock(Span<float> accumulator, ReadOnlySpan<float> values, ulong[] bits, int words)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 64 <= accumulator.Length; j += 64)
            {
                var acc = MemoryMarshal.Cast<float, Vector256<float>>(accumulator.Slice(j, 64));
                var (a0, a1, a2, a3, a4, a5, a6, a7) = (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]);
                for (var r = 0; r < values.Length; r++)
                {
                    var x = Vector256.Create(values[r]).AsUInt32();
                    var b = bits[(r * words) + (j / 64)];
                    a0 += (x ^ SignMasks[(int)(b & 0xFF)]).AsSingle();
                    a1 += (x ^ SignMasks[(int)((b >> 8) & 0xFF)]).AsSingle();
                    a2 += (x ^ SignMasks[(int)((b >> 16) & 0xFF)]).AsSingle();
                    a3 += (x ^ SignMasks[(int)((b >> 24) & 0xFF)]).AsSingle();
                    a4 += (x ^ SignMasks[(int)((b >> 32) & 0xFF)]).AsSingle();
                    a5 += (x ^ SignMasks[(int)((b >> 40) & 0xFF)]).AsSingle();
                    a6 += (x ^ SignMasks[(int)((b >> 48) & 0xFF)]).AsSingle();
                    a7 += (x ^ SignMasks[(int)(b >> 56)]).AsSingle();
                }

                (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]) = (a0, a1, a2, a3, a4, a5, a6, a7);
            }
        }

        for (; j < accumulator.Length; j++)
        {
            var sum = accumulator[j];
            for (var r = 0; r < values.Length; r++)
            {
                sum += ((bits[(r * words) + (j / 64)] >> (j % 64)) & 1) == 0 ? values[r] : -values[r];
            }

            accumulator[j] = sum;
        }
    }

    // 64 signs of row `row`: a SplitMix64 finalisation of (seed, row, word), so any entry can be made alone.
    private ulong Word(long row, int word) => Mix(Mix(_seed + (0x9E3779B97F4A7C15UL * (ulong)(row + 1))) + (0xD1B54A32D192ED03UL * (ulong)(word + 1)));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // Byte value → eight lanes, lowest bit first: the float sign bit where the bit is set (−1), else 0 (+1).
    private static Vector256<uint>[] BuildSignMasks()
    {
        var masks = new Vector256<uint>[256];
        var lanes = new uint[8];
        for (var value = 0; value < 256; value++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                lanes[bit] = ((value >> bit) & 1) == 0 ? 0u : 0x8000_0000u;
            }

            masks[value] = Vector256.Create<uint>(lanes);
        }

        return masks;
    }
}
