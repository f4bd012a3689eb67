using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Models.LlamaCpp.Native;
using LLama.Native;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>Quantizes an F32 GGUF file with llama.cpp's quantizer (<c>llama_model_quantize</c>).</summary>
internal static class GgufQuantizer
{
    /// <summary>
    /// Matrices whose rows (ggml's first dimension) are not a multiple of <paramref name="type"/>'s block.
    /// For Q8_0 the quantizer has no fallback, so the conversion refuses them; for Q4_K_M it stores them
    /// in a fallback type of its own choosing (Q5_0, Q8_0 or F16), which the conversion reports.
    /// </summary>
    public static IReadOnlyList<GgufTensorMapping> Misfits(IEnumerable<GgufTensorMapping> tensors, GgufFileType type)
        => [.. tensors.Where(t => t.IsMatrix && t.Dimensions[0] % type.BlockSize() != 0)];

    /// <summary>Quantizes <paramref name="input"/> (F32) into <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">llama.cpp failed; its last log lines are quoted.</exception>
    public static void Quantize(string input, string output, GgufFileType type, int threads)
    {
        LlamaNative.EnsureLoaded();
        LlamaNative.ClearErrors();
        var parameters = LLamaModelQuantizeParams.Default();
        parameters.nthread = threads;
        parameters.ftype = type switch
        {
            GgufFileType.Q8_0 => LLamaFtype.MOSTLY_Q8_0,
            GgufFileType.Q4_K_M => LLamaFtype.MOSTLY_Q4_K_M,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "only q8_0 and q4_k_m are quantized"),
        };
        var partial = output + ".partial";
        try
        {
            if (NativeApi.llama_model_quantize(input, partial, ref parameters) != 0)
            {
                throw new InvalidOperationException($"{output}: llama.cpp could not quantize to {type.Name()}: {LlamaNative.RecentErrors()}");
            }

            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The tensors of <paramref name="file"/> whose type differs from what <paramref name="type"/> asks of a matrix, as "name: TYPE".</summary>
    public static IReadOnlyList<string> Fallbacks(GgufFile file, GgufFileType type, IReadOnlyList<GgufTensorMapping> misfits)
    {
        var names = misfits.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return [.. file.Tensors.Where(t => names.Contains(t.Name)).Select(t => $"{t.Name} ({t.Dimensions[0]} per row): {t.Type}")];
    }
}
