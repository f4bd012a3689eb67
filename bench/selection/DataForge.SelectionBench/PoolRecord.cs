using System.Text.Json;

namespace DataForge.SelectionBench;

/// <summary>One Alpaca record of the candidate pool or of the target set, with the bench's own truth about it.</summary>
/// <param name="Instruction">The instruction.</param>
/// <param name="Input">The input (empty in this pool).</param>
/// <param name="Output">The response.</param>
/// <param name="Family">The standard-library module group the function came from (truth only).</param>
/// <param name="Kind">clean, target, off_target, swapped, truncated or near_duplicate (truth only).</param>
internal sealed record PoolRecord(string Instruction, string Input, string Output, string Family = "", string Kind = "")
{
    /// <summary>The user turn a model sees: the instruction, then the input on its own line (as the S2L step renders it).</summary>
    public string Prompt => Input.Length == 0 ? Instruction : $"{Instruction}\n{Input}";

    /// <summary>Exact-duplicate key.</summary>
    public string Key => Instruction + "\u0000" + Input + "\u0000" + Output;

    public static IReadOnlyList<PoolRecord> ReadJsonl(string path)
        => [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => FromJson(JsonDocument.Parse(l).RootElement))];

    private static PoolRecord FromJson(JsonElement e)
    {
        static string Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        return new PoolRecord(Field(e, "instruction"), Field(e, "input"), Field(e, "output"), Field(e, "family"), Field(e, "kind"));
    }
}
