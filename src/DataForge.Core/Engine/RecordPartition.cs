using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataForge.Core.Engine;

/// <summary>
/// Partition <see cref="Index"/> of <see cref="Count"/> of a run's source records: a record belongs to the
/// partition its id hashes to, so the same record lands in the same partition every time (and so does
/// everything derived from it, which follows its source record).
/// </summary>
/// <param name="Index">From 0.</param>
/// <param name="Count">How many partitions (at least 1).</param>
public sealed record RecordPartition(int Index, int Count)
{
    /// <summary>The partition <paramref name="id"/> belongs to, for <paramref name="count"/> partitions.</summary>
    public static int Of(string id, int count)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), digest);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(digest) % (ulong)count);
    }

    /// <summary>True when the source record <paramref name="id"/> is this partition's.</summary>
    public bool Owns(string id) => Of(id, Count) == Index;

    /// <summary><c>i/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
