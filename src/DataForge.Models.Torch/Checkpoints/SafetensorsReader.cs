using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>
/// Reads tensors from a <c>.safetensors</c> file (8-byte header length, JSON header, raw
/// little-endian data), memory-mapped; F32, F16 and BF16 become float32 tensors.
/// </summary>
public sealed class SafetensorsReader : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _dataStart;
    private readonly Dictionary<string, Entry> _entries;

    private SafetensorsReader(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long dataStart, Dictionary<string, Entry> entries)
    {
        Path = path;
        _file = file;
        _view = view;
        _dataStart = dataStart;
        _entries = entries;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Tensor names in the file, in ordinal order.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Opens a file and reads its header.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or names an unsupported dtype.</exception>
    public static SafetensorsReader Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 8)
        {
            throw new InvalidDataException($"{path}: too short to be a safetensors file");
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength <= 0 || 8 + headerLength > length)
            {
                throw new InvalidDataException($"{path}: header length {headerLength} does not fit the file");
            }

            var header = new byte[headerLength];
            view.ReadArray(8, header, 0, header.Length);
            var entries = ParseHeader(path, header, length - 8 - headerLength);
            return new SafetensorsReader(path, file, view, 8 + headerLength, entries);
        }
        catch
        {
            view.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The shape of a tensor.</summary>
    public long[] Shape(string name) => Find(name).Shape;

    /// <summary>The stored dtype of a tensor (<c>F32</c>, <c>F16</c>, <c>BF16</c>).</summary>
    public string DType(string name) => Find(name).DType;

    /// <summary>Reads a tensor as float32 on the CPU.</summary>
    public Tensor ReadFloat32(string name) => torch.tensor(ReadFloats(name), Find(name).Shape);

    /// <summary>Reads a tensor's values as float32, in row-major order.</summary>
    public float[] ReadFloats(string name)
    {
        var entry = Find(name);
        var count = entry.Shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        var bytes = new byte[entry.End - entry.Start];
        _view.ReadArray(_dataStart + entry.Start, bytes, 0, bytes.Length);
        switch (entry.DType)
        {
            case "F32":
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
                break;
            case "BF16":
                for (var i = 0; i < count; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)) << 16);
                }

                break;
            case "F16":
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)));
                }

                break;
            default:
                throw new InvalidDataException($"{Path}: tensor '{name}' has dtype {entry.DType}; only F32, F16 and BF16 are read");
        }

        return values;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    private Entry Find(string name)
        => _entries.TryGetValue(name, out var entry) ? entry : throw new InvalidDataException($"{Path}: no tensor named '{name}'");

    private static Dictionary<string, Entry> ParseHeader(string path, byte[] header, long dataLength)
    {
        using var document = JsonDocument.Parse(header);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                continue;
            }

            var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
            long[] shape = [.. property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())];
            var offsets = property.Value.GetProperty("data_offsets");
            var entry = new Entry(dtype, shape, offsets[0].GetInt64(), offsets[1].GetInt64());
            var width = dtype switch { "F32" => 4, "F16" or "BF16" => 2, _ => 0 };
            if (entry.End > dataLength || entry.Start > entry.End || (width > 0 && entry.End - entry.Start != width * shape.Aggregate(1L, (a, b) => a * b)))
            {
                throw new InvalidDataException($"{path}: tensor '{property.Name}' has offsets that do not match its shape or the file");
            }

            entries[property.Name] = entry;
        }

        return entries;
    }

    private sealed record Entry(string DType, long[] Shape, long Start, long End);
}
