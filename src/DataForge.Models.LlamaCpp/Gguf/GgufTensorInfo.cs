namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>A tensor as a GGUF file describes it.</summary>
/// <param name="Name">The tensor's name (<c>blk.0.attn_q.weight</c>).</param>
/// <param name="Dimensions">ggml order: the first is the fastest-varying (a PyTorch [out, in] matrix is [in, out]).</param>
/// <param name="Type">The stored type.</param>
/// <param name="Offset">Bytes from the start of the data section.</param>
internal sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>The number of elements.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, b) => a * b);
}
