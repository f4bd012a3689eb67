using System.Buffers.Binary;
using System.Text.Json;

namespace DataForge.Models.Checkpoints;

/// <summary>
/// Reads only the headers of a folder's <c>*.safetensors</c> files: each tensor's bytes must lie in the
/// file and match its dtype and shape, the data must fill the file (a truncated copy does not), and
/// the shapes must be those <c>config.json</c> implies.
/// </summary>
internal static class SafetensorsHeaderCheck
{
    private const long MaxHeader = 100L << 20;

    public static void Check(string folder, ModelShapes? shapes, List<ModelFolderProblem> problems)
    {
        var files = Directory.EnumerateFiles(folder, "*.safetensors").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            problems.Add(new(Path.Combine(folder, "model.safetensors"), 0, 0, "no *.safetensors file: a checkpoint folder needs its weights in safetensors form"));
            return;
        }

        var layers = new HashSet<long>();
        foreach (var file in files)
        {
            CheckFile(file, shapes, layers, problems);
        }

        if (shapes is not null && layers.Count > 0 && layers.Count != shapes.Layers)
        {
            problems.Add(new(Path.Combine(folder, "config.json"), 0, 0, $"num_hidden_layers is {shapes.Layers}, but the weights hold {layers.Count} layers"));
        }
    }

    private static void CheckFile(string path, ModelShapes? shapes, HashSet<long> layers, List<ModelFolderProblem> problems)
    {
        var name = Path.GetFileName(path);
        using var stream = File.OpenRead(path);
        var length = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (length < 8 || stream.Read(prefix) < 8)
        {
            problems.Add(new(path, 0, 0, $"{name} is too short to be a safetensors file (truncated? copy it again)"));
            return;
        }

        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        if (headerLength <= 0 || headerLength > MaxHeader || 8 + headerLength > length)
        {
            problems.Add(new(path, 0, 0, $"{name}: the header length ({headerLength} bytes) does not fit the file ({length} bytes): truncated or not safetensors; copy it again"));
            return;
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        try
        {
            CheckTensors(path, header, length - 8 - headerLength, shapes, layers, problems);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            problems.Add(new(path, 0, 0, $"{name}: the header is not valid safetensors JSON ({e.Message}); copy the file again"));
        }
    }

    private static void CheckTensors(string path, byte[] header, long dataLength, ModelShapes? shapes, HashSet<long> layers, List<ModelFolderProblem> problems)
    {
        var name = Path.GetFileName(path);
        using var document = JsonDocument.Parse(header);
        long end = 0;
        foreach (var tensor in document.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
        {
            var dtype = tensor.Value.GetProperty("dtype").GetString() ?? "";
            long[] shape = [.. tensor.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())];
            var offsets = tensor.Value.GetProperty("data_offsets");
            var (start, stop) = (offsets[0].GetInt64(), offsets[1].GetInt64());
            end = Math.Max(end, stop);
            var width = dtype switch { "F64" or "I64" => 8, "F32" or "I32" => 4, "F16" or "BF16" or "I16" => 2, "I8" or "U8" or "BOOL" => 1, _ => 0 };
            if (start < 0 || start > stop || (width > 0 && stop - start != width * shape.Aggregate(1L, (a, b) => a * b)))
            {
                problems.Add(new(path, 0, 0, $"{name}: tensor '{tensor.Name}' ({dtype} [{string.Join(", ", shape)}]) has data offsets [{start}, {stop}] that do not match its shape"));
            }

            if (ModelShapes.LayerOf(tensor.Name) is { } layer)
            {
                layers.Add(layer);
            }

            if (shapes?.Expected(tensor.Name) is { } expected && !expected.SequenceEqual(shape))
            {
                problems.Add(new(path, 0, 0, $"{name}: tensor '{tensor.Name}' has shape [{string.Join(", ", shape)}], but config.json implies [{string.Join(", ", expected)}]"));
            }
        }

        if (end != dataLength)
        {
            problems.Add(new(path, 0, 0, $"{name}: the header describes {end} bytes of tensor data, but the file holds {dataLength}: the file is truncated or damaged; copy it again"));
        }
    }
}
