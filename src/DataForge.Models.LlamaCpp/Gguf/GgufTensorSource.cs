namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>A tensor to write: its description, its size in bytes and how to produce its data.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dimensions">ggml order (the first is the fastest-varying).</param>
/// <param name="Type">F32 or F16.</param>
/// <param name="WriteData">Writes exactly <see cref="ByteCount"/> bytes.</param>
internal sealed record GgufTensorSource(string Name, long[] Dimensions, GgmlType Type, Action<Stream> WriteData)
{
    /// <summary>Bytes of data: 4 per element for F32, 2 for F16.</summary>
    public long ByteCount => Dimensions.Aggregate(1L, (a, b) => a * b) * Type switch
    {
        GgmlType.F32 => 4,
        GgmlType.F16 => 2,
        _ => throw new NotSupportedException($"{Name}: only F32 and F16 tensors are written directly; {Type} comes from the quantizer"),
    };
}
