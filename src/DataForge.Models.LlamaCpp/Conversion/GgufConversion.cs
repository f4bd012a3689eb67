using DataForge.Models.LlamaCpp.Gguf;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>A finished conversion.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Type">Its weight type.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Architecture">llama.cpp's architecture name (<c>llama</c>, <c>qwen2</c>).</param>
/// <param name="PreTokenizer">llama.cpp's pre-tokenizer name (<c>gpt-2</c>, <c>qwen2</c>, …).</param>
/// <param name="TensorTypes">How many tensors of each stored type the file holds.</param>
/// <param name="Fallbacks">Matrices the quantizer could not store in the asked type (rows not a multiple of its block), with the type each got.</param>
internal sealed record GgufConversion(
    string Path,
    GgufFileType Type,
    long Bytes,
    string Architecture,
    string PreTokenizer,
    IReadOnlyDictionary<GgmlType, int> TensorTypes,
    IReadOnlyList<string> Fallbacks);
