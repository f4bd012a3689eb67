using System.Text;

namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>The header of a GGUF file (v2 or v3): its metadata and tensor infos, without the tensor data.</summary>
internal sealed class GgufFile
{
    private GgufFile(string path, uint version, IReadOnlyDictionary<string, GgufValue> metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Path = path;
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The format version.</summary>
    public uint Version { get; }

    /// <summary>Metadata by key.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary><c>general.architecture</c>.</summary>
    public string Architecture => String("general.architecture") ?? throw new InvalidDataException($"{Path}: no general.architecture");

    /// <summary>A string value, or null when the key is missing.</summary>
    public string? String(string key) => Metadata.TryGetValue(key, out var value) ? value.AsString() : null;

    /// <summary>An integer value, or null when the key is missing.</summary>
    public long? Integer(string key) => Metadata.TryGetValue(key, out var value) ? value.AsInteger() : null;

    /// <summary>A number value, or null when the key is missing.</summary>
    public double? Number(string key) => Metadata.TryGetValue(key, out var value) ? value.AsDouble() : null;

    /// <summary>A boolean value, or null when the key is missing.</summary>
    public bool? Bool(string key) => Metadata.TryGetValue(key, out var value) ? (bool)value.Value : null;

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not GGUF, or its header is cut short or malformed.</exception>
    public static GgufFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (stream.Length < 24 || reader.ReadUInt32() != 0x46554747)
            {
                throw new InvalidDataException($"{path}: not a GGUF file (no GGUF magic)");
            }

            var version = reader.ReadUInt32();
            if (version is not (2 or 3))
            {
                throw new InvalidDataException($"{path}: GGUF version {version} is not supported (2 and 3 are)");
            }

            var tensorCount = reader.ReadUInt64();
            var metadataCount = reader.ReadUInt64();
            var metadata = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
            for (ulong i = 0; i < metadataCount; i++)
            {
                var key = ReadString(reader);
                var type = (GgufValueType)reader.ReadUInt32();
                metadata[key] = ReadValue(reader, type, key, path);
            }

            var tensors = new List<GgufTensorInfo>();
            for (ulong i = 0; i < tensorCount; i++)
            {
                var name = ReadString(reader);
                var dimensions = new long[reader.ReadUInt32()];
                for (var d = 0; d < dimensions.Length; d++)
                {
                    dimensions[d] = checked((long)reader.ReadUInt64());
                }

                tensors.Add(new GgufTensorInfo(name, dimensions, (GgmlType)reader.ReadUInt32(), reader.ReadUInt64()));
            }

            return new GgufFile(path, version, metadata, tensors);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the GGUF header is cut short", e);
        }
    }

    private static string ReadString(BinaryReader reader)
    {
        var length = reader.ReadUInt64();
        if (length > int.MaxValue)
        {
            throw new InvalidDataException($"a GGUF string of {length} bytes");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    private static GgufValue ReadValue(BinaryReader reader, GgufValueType type, string key, string path) => type switch
    {
        GgufValueType.UInt8 => new(type, reader.ReadByte()),
        GgufValueType.Int8 => new(type, reader.ReadSByte()),
        GgufValueType.UInt16 => new(type, reader.ReadUInt16()),
        GgufValueType.Int16 => new(type, reader.ReadInt16()),
        GgufValueType.UInt32 => new(type, reader.ReadUInt32()),
        GgufValueType.Int32 => new(type, reader.ReadInt32()),
        GgufValueType.UInt64 => new(type, reader.ReadUInt64()),
        GgufValueType.Int64 => new(type, reader.ReadInt64()),
        GgufValueType.Float32 => new(type, reader.ReadSingle()),
        GgufValueType.Float64 => new(type, reader.ReadDouble()),
        GgufValueType.Bool => new(type, reader.ReadByte() != 0),
        GgufValueType.String => new(type, ReadString(reader)),
        GgufValueType.Array => ReadArray(reader, key, path),
        _ => throw new InvalidDataException($"{path}: metadata '{key}' has unknown value type {(uint)type}"),
    };

    private static GgufValue ReadArray(BinaryReader reader, string key, string path)
    {
        var elementType = (GgufValueType)reader.ReadUInt32();
        var count = reader.ReadUInt64();
        if (count > int.MaxValue)
        {
            throw new InvalidDataException($"{path}: metadata '{key}' is an array of {count} elements");
        }

        var items = new List<object>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            items.Add(ReadValue(reader, elementType, key, path).Value);
        }

        return new GgufValue(GgufValueType.Array, items, elementType);
    }
}
