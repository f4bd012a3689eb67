using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.SelectionBench;

/// <summary>One Alpaca record of the candidate pool or of the target set.</summary>
internal sealed record PoolRecord(
    [property: JsonPropertyName("instruction")] string Instruction,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string Output)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The user turn a model sees: the instruction, then the input on its own line (as the S2L step renders it).</summary>
    [JsonIgnore]
    public string Prompt => Input.Length == 0 ? Instruction : $"{Instruction}\n{Input}";

    /// <summary>Exact-duplicate key.</summary>
    [JsonIgnore]
    public string Key => Instruction + "\u0000" + Input + "\u0000" + Output;

    public static IReadOnlyList<PoolRecord> ReadJsonl(string path)
        => [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => FromJson(JsonDocument.Parse(l).RootElement))];

    public static void WriteJsonl(string path, IEnumerable<PoolRecord> records, string? subtask = null)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var r in records)
        {
            var line = subtask is null
                ? JsonSerializer.Serialize(r, Compact)
                : JsonSerializer.Serialize(new { subtask, instruction = r.Instruction, input = r.Input, output = r.Output }, Compact);
            writer.WriteLine(line);
        }
    }

    private static PoolRecord FromJson(JsonElement e)
    {
        static string Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        return new PoolRecord(Field(e, "instruction"), Field(e, "input"), Field(e, "output"));
    }
}
