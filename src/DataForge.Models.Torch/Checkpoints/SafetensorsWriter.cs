using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>Writes float32 tensors to a <c>.safetensors</c> file (names sorted, so the bytes depend only on the tensors).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes the tensors as F32 to <paramref name="path"/> (through a temporary file and a rename).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var header = new JsonObject();
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var size = tensor.numel() * 4;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
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
                var bytes = new byte[values.Length * 4];
                Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
                stream.Write(bytes);
            }
        }

        File.Move(temp, path, overwrite: true);
    }
}
