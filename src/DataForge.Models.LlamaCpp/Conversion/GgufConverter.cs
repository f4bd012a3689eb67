using System.Runtime.InteropServices;
using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Checkpoints;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>
/// Converts a Hugging Face checkpoint folder of a Llama or Qwen2 decoder (what the <c>torch</c> backend
/// loads) into one GGUF v3 file llama.cpp runs: F32 and F16 are written here, tensor by tensor;
/// Q8_0 and Q4_K_M are made by llama.cpp's quantizer from an F32 file written first (then deleted).
/// </summary>
internal static class GgufConverter
{
    /// <summary>The default output: <c>PARENT/NAME-TYPE.gguf</c> beside the folder (<c>models/tiny-q8_0.gguf</c>).</summary>
    public static string DefaultOutput(string folder, GgufFileType type)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $"{Path.GetFileName(full)}-{type.Name()}.gguf");
    }

    /// <summary>Converts <paramref name="folder"/> into <paramref name="output"/>.</summary>
    /// <param name="folder">The checkpoint folder: config.json, safetensors weights, tokenizer.json.</param>
    /// <param name="type">The weight type.</param>
    /// <param name="output">The file to write (replaced when it exists).</param>
    /// <param name="threads">Quantizer threads (0: one per core).</param>
    /// <exception cref="InvalidDataException">The folder is not a checkpoint this converter handles, or a matrix cannot take the asked type.</exception>
    public static GgufConversion Convert(string folder, GgufFileType type, string output, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        var config = DecoderConfig.Load(folder);
        var tokenizer = HfTokenizer.Load(folder);
        var vocabulary = GgufTokenizer.Read(folder, config.VocabSize);
        var tensors = GgufTensorMap.For(config, Path.Combine(folder, "config.json"));
        var misfits = type.IsQuantized() ? GgufQuantizer.Misfits(tensors, type) : [];
        if (type == GgufFileType.Q8_0 && misfits.Count > 0)
        {
            var list = string.Join(", ", misfits.Select(m => $"{m.Name} ({m.Dimensions[0]} per row)"));
            throw new InvalidDataException($"{folder}: q8_0 needs rows that are a multiple of 32; these matrices are not: {list}. Convert to f16 or f32 instead");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".");
        var name = ModelIdentity.NameOf(folder);
        var direct = type.IsQuantized() ? output + ".f32.tmp" : output;
        try
        {
            var fileType = type == GgufFileType.F16 ? GgufMetadata.MostlyF16 : GgufMetadata.AllF32;
            var metadata = GgufMetadata.For(name, config, vocabulary, tokenizer, fileType);
            WriteTensors(folder, direct, metadata, tensors, type == GgufFileType.F16);
            if (type.IsQuantized())
            {
                GgufQuantizer.Quantize(direct, output, type, threads > 0 ? threads : Environment.ProcessorCount);
            }
        }
        finally
        {
            if (direct != output)
            {
                File.Delete(direct);
            }
        }

        var written = GgufFile.Read(output);
        var counts = written.Tensors.GroupBy(t => t.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var fallbacks = misfits.Count > 0 ? GgufQuantizer.Fallbacks(written, type, misfits) : [];
        return new GgufConversion(output, type, new FileInfo(output).Length, GgufTensorMap.Architecture(config), vocabulary.PreTokenizer, counts, fallbacks);
    }

    private static void WriteTensors(string folder, string path, List<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorMapping> tensors, bool f16)
    {
        var readers = DecoderCheckpoint.WeightFiles(folder).Select(SafetensorsReader.Open).ToList();
        try
        {
            var owner = new Dictionary<string, SafetensorsReader>(StringComparer.Ordinal);
            foreach (var reader in readers)
            {
                foreach (var tensorName in reader.Names)
                {
                    owner[tensorName] = reader;
                }
            }

            var sources = tensors.Select(t => new GgufTensorSource(t.Name, t.Dimensions, f16 && t.IsMatrix ? GgmlType.F16 : GgmlType.F32, stream => WriteData(stream, Values(folder, owner, t), f16 && t.IsMatrix))).ToList();
            GgufWriter.Write(path, metadata, sources);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static float[] Values(string folder, Dictionary<string, SafetensorsReader> owner, GgufTensorMapping tensor)
    {
        if (tensor.Source is null)
        {
            return new float[tensor.Shape.Aggregate(1L, (a, b) => a * b)];
        }

        if (!owner.TryGetValue(tensor.Source, out var reader))
        {
            throw new InvalidDataException($"{folder}: weight '{tensor.Source}' is missing from the safetensors files");
        }

        var shape = reader.Shape(tensor.Source);
        if (!shape.SequenceEqual(tensor.Shape))
        {
            throw new InvalidDataException($"{reader.Path}: '{tensor.Source}' has shape [{string.Join(", ", shape)}]; config.json implies [{string.Join(", ", tensor.Shape)}]");
        }

        var values = reader.ReadFloats(tensor.Source);
        return tensor.PermuteHeads > 0 ? GgufTensorMap.Permute(values, tensor.Shape[0], tensor.PermuteHeads) : values;
    }

    private static void WriteData(Stream stream, float[] values, bool f16)
    {
        if (!f16)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        var buffer = new ushort[Math.Min(values.Length, 1 << 16)];
        for (var start = 0; start < values.Length; start += buffer.Length)
        {
            var count = Math.Min(buffer.Length, values.Length - start);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = BitConverter.HalfToUInt16Bits((Half)values[start + i]);
            }

            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, count)));
        }
    }
}
