using System.Text;

namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>
/// Writes a GGUF v3 file: the magic <c>GGUF</c>, the version, the tensor and metadata counts, the
/// metadata key/values, the tensor infos, padding to the alignment, then each tensor's data at an
/// offset that is a multiple of the alignment (<c>general.alignment</c>, 32 by default). Everything is
/// little-endian. The file appears under its name only once complete.
/// </summary>
internal static class GgufWriter
{
    /// <summary>The default alignment of the data section and of every tensor in it.</summary>
    public const int Alignment = 32;

    private const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    private const uint Version = 3;

    public static void Write(string path, IReadOnlyList<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorSource> tensors)
    {
        var partial = path + ".partial";
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write((ulong)tensors.Count);
                writer.Write((ulong)metadata.Count);
                foreach (var (key, value) in metadata)
                {
                    WriteString(writer, key);
                    writer.Write((uint)value.Type);
                    WriteValue(writer, value.Type, value.Value, value.ElementType, key);
                }

                ulong offset = 0;
                foreach (var tensor in tensors)
                {
                    WriteString(writer, tensor.Name);
                    writer.Write((uint)tensor.Dimensions.Length);
                    foreach (var dimension in tensor.Dimensions)
                    {
                        writer.Write((ulong)dimension);
                    }

                    writer.Write((uint)tensor.Type);
                    writer.Write(offset);
                    offset += Padded((ulong)tensor.ByteCount);
                }

                writer.Flush();
                Pad(stream);
                foreach (var tensor in tensors)
                {
                    var start = stream.Position;
                    tensor.WriteData(stream);
                    if (stream.Position - start != tensor.ByteCount)
                    {
                        throw new InvalidOperationException($"{tensor.Name}: wrote {stream.Position - start} bytes, expected {tensor.ByteCount}");
                    }

                    Pad(stream);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static ulong Padded(ulong size) => (size + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream stream)
    {
        var padding = (int)(Padded((ulong)stream.Position) - (ulong)stream.Position);
        stream.Write(new byte[padding]);
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value, GgufValueType elementType, string key)
    {
        switch (type)
        {
            case GgufValueType.UInt8: writer.Write(Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int8: writer.Write(Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.UInt16: writer.Write(Convert.ToUInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int16: writer.Write(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.UInt32: writer.Write(Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int32: writer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.UInt64: writer.Write(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int64: writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Float32: writer.Write(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Float64: writer.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Bool: writer.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.Array:
                var items = (IReadOnlyList<object>)value;
                writer.Write((uint)elementType);
                writer.Write((ulong)items.Count);
                foreach (var item in items)
                {
                    WriteValue(writer, elementType, item, GgufValueType.UInt8, key);
                }

                break;
            default:
                throw new InvalidOperationException($"{key}: unknown GGUF value type {type}");
        }
    }
}
