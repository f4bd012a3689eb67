using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Numerics;
using System.Text;

namespace DataForge.Core.Steps;

/// <summary>
/// A seeded generator (xoshiro256**) whose sequence is fixed by this code, not by the runtime's
/// <see cref="Random"/> implementation, so results stay identical across .NET versions.
/// </summary>
public sealed class DeterministicRandom : Random
{
    private ulong _s0, _s1, _s2, _s3;

    private DeterministicRandom(ulong seed)
    {
        // SplitMix64 expands one 64-bit seed into the four state words.
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for (run seed, record id, step name): the only way steps get randomness.</summary>
    public static DeterministicRandom Create(long runSeed, string recordId, string stepName)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(stepName);
        var key = Encoding.UTF8.GetBytes($"{runSeed}\u001f{recordId}\u001f{stepName}");
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(key, digest);
        return new DeterministicRandom(BinaryPrimitives.ReadUInt64LittleEndian(digest));
    }

    /// <summary>A generator from a plain seed (tests, benchmarks).</summary>
    public static DeterministicRandom FromSeed(ulong seed) => new(seed);

    /// <summary>The next raw 64-bit value.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc/>
    public override int Next()
    {
        // Random.Next() excludes int.MaxValue; 31 random bits can produce it, so draw again.
        while (true)
        {
            var result = (int)(NextUInt64() >> 33);
            if (result != int.MaxValue)
            {
                return result;
            }
        }
    }

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    /// <inheritdoc/>
    public override long NextInt64()
    {
        // Random.NextInt64() excludes long.MaxValue; 63 random bits can produce it, so draw again.
        while (true)
        {
            var result = (long)(NextUInt64() >> 1);
            if (result != long.MaxValue)
            {
                return result;
            }
        }
    }

    /// <inheritdoc/>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    // Lemire's unbiased bounded draw.
    private ulong NextBelow(ulong bound)
    {
        if (bound == 0)
        {
            return 0;
        }

        var threshold = (0 - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            var product = Math.BigMul(r, bound, out var low);
            if (low >= threshold)
            {
                return product;
            }
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
