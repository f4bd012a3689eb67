namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>The ggml tensor types a GGUF file of this converter holds or its quantizer produces.</summary>
internal enum GgmlType : uint
{
    /// <summary>32-bit float.</summary>
    F32 = 0,

    /// <summary>16-bit float.</summary>
    F16 = 1,

    /// <summary>4-bit, blocks of 32, one scale.</summary>
    Q4_0 = 2,

    /// <summary>4-bit, blocks of 32, scale and minimum.</summary>
    Q4_1 = 3,

    /// <summary>5-bit, blocks of 32, one scale.</summary>
    Q5_0 = 6,

    /// <summary>5-bit, blocks of 32, scale and minimum.</summary>
    Q5_1 = 7,

    /// <summary>8-bit, blocks of 32, one scale.</summary>
    Q8_0 = 8,

    /// <summary>8-bit, blocks of 32, scale and sum.</summary>
    Q8_1 = 9,

    /// <summary>2-bit k-quant, super-blocks of 256.</summary>
    Q2_K = 10,

    /// <summary>3-bit k-quant, super-blocks of 256.</summary>
    Q3_K = 11,

    /// <summary>4-bit k-quant, super-blocks of 256.</summary>
    Q4_K = 12,

    /// <summary>5-bit k-quant, super-blocks of 256.</summary>
    Q5_K = 13,

    /// <summary>6-bit k-quant, super-blocks of 256.</summary>
    Q6_K = 14,

    /// <summary>8-bit k-quant, super-blocks of 256.</summary>
    Q8_K = 15,

    /// <summary>bfloat16.</summary>
    BF16 = 30,
}
