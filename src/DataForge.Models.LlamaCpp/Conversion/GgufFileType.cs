namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>The weight type of a converted file: written directly (F32, F16) or by llama.cpp's quantizer.</summary>
internal enum GgufFileType
{
    /// <summary>Every tensor in 32-bit float.</summary>
    F32,

    /// <summary>Matrices in 16-bit float; norms and biases in 32-bit float.</summary>
    F16,

    /// <summary>Matrices in 8-bit blocks of 32 (llama.cpp's Q8_0).</summary>
    Q8_0,

    /// <summary>llama.cpp's Q4_K_M mix: 4-bit k-quants, some tensors in 6-bit.</summary>
    Q4_K_M,
}

/// <summary>Names of <see cref="GgufFileType"/> as the command line spells them.</summary>
internal static class GgufFileTypes
{
    /// <summary>The accepted names, in order: <c>f32</c>, <c>f16</c>, <c>q8_0</c>, <c>q4_k_m</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["f32", "f16", "q8_0", "q4_k_m"];

    /// <summary>The type named <paramref name="name"/> (any case); null when unknown.</summary>
    public static GgufFileType? Parse(string name) => name?.ToLowerInvariant() switch
    {
        "f32" => GgufFileType.F32,
        "f16" => GgufFileType.F16,
        "q8_0" => GgufFileType.Q8_0,
        "q4_k_m" => GgufFileType.Q4_K_M,
        _ => null,
    };

    /// <summary>The command-line name of <paramref name="type"/>.</summary>
    public static string Name(this GgufFileType type) => Names[(int)type];

    /// <summary>Whether llama.cpp's quantizer makes this type from an F32 file.</summary>
    public static bool IsQuantized(this GgufFileType type) => type is GgufFileType.Q8_0 or GgufFileType.Q4_K_M;

    /// <summary>The row length (ggml's first dimension) a matrix needs to take the type's blocks: 32 or 256.</summary>
    public static int BlockSize(this GgufFileType type) => type switch
    {
        GgufFileType.Q8_0 => 32,
        GgufFileType.Q4_K_M => 256,
        _ => 1,
    };
}
