using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>Writes tensors to a <c>.safetensors</c> file as F32 or BF16 (names sorted, so the bytes depend only on the tensors).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes the tensors to <paramref name="path"/> (through a temporary file and a rename).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">Tensors by name.</param>
    /// <param name="bfloat16">Store BF16 (round to nearest even) instead of F32: half the bytes.</param>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, bool bfloat16 = false)
    {
        var width = bfloat16 ? 2 : 4;
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var header = new JsonObject();
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var size = tensor.numel() * width;
            header[name] = new JsonObject
            {
                ["dtype"] = bfloat16 ? "BF16" : "F32",
                ["shape"] = new JsonArray([.. tensor.shape.Select(d => (JsonNode?)d)]),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }

        header["__metadata__"] = new JsonObject { ["format"] = "pt" };
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (headerBytes.Length + 7) / 8 * 8; // data starts 8-byte aligned
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, padded);
            stream.Write(length);
            stream.Write(headerBytes);
            for (var i = headerBytes.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var name in names)
            {
                using var contiguous = tensors[name].detach().to(ScalarType.Float32).cpu().contiguous();
                var values = contiguous.data<float>().ToArray();
                stream.Write(bfloat16 ? ToBFloat16(values) : Bytes(values));
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    // float32 → bfloat16 with round-to-nearest-even (NaN kept quiet).
    private static byte[] ToBFloat16(float[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(values[i]);
            var rounded = float.IsNaN(values[i]) ? (bits >> 16) | 0x40 : (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)rounded);
        }

        return bytes;
    }
}
