using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DataForge.Generation.Evol;

/// <summary>Chooses the operation of one (record, round).</summary>
internal static class OperationSelector
{
    /// <summary>
    /// Uniform: one draw from <paramref name="random"/> (the generator of this record and round).
    /// Rotation: <c>ops[(i + round) mod n]</c> with <c>i</c> hashed from <paramref name="recordId"/>.
    /// </summary>
    public static string Pick(IReadOnlyList<string> operations, EvolSelection selection, string recordId, int round, Random random)
    {
        if (selection == EvolSelection.Uniform)
        {
            return operations[random.Next(operations.Count)];
        }

        var n = (ulong)operations.Count;
        var i = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(recordId))) % n;
        return operations[(int)((i + (ulong)round) % n)];
    }
}
