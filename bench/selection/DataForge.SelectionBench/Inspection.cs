using System.Text.Json;
using DataForge.Storage.Shards;

namespace DataForge.SelectionBench;

/// <summary>
/// Writes <c>inspection.jsonl</c> into a selector's run folder: every pool record the run saw, kept or
/// dropped, with its planted kind and family and the run's scores, so a selector's picks can be read
/// against the truth (for example the mean IFD of the swapped pairs beside that of the clean ones).
/// </summary>
internal static class Inspection
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(string run, IReadOnlyDictionary<string, PoolRecord> truth)
    {
        await using var writer = new StreamWriter(Path.Combine(run, "inspection.jsonl"), append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        await foreach (var row in RunShards.KeptAsync(run))
        {
            await writer.WriteLineAsync(Line(row, kept: true, reason: null, truth));
        }

        await foreach (var row in RunShards.RejectedAsync(run))
        {
            await writer.WriteLineAsync(Line(row, kept: false, row.Reason, truth));
        }
    }

    private static string Line(ShardRow row, bool kept, string? reason, IReadOnlyDictionary<string, PoolRecord> truth)
    {
        var record = truth.GetValueOrDefault((row.Instruction ?? "") + "\u0000" + (row.Input ?? "") + "\u0000" + (row.Output ?? ""));
        return JsonSerializer.Serialize(new
        {
            kept,
            kind = record?.Kind ?? "unmatched",
            family = record?.Family,
            ifd = row.Ifd,
            ic_ifd = row.IcIfd,
            less = row.Less,
            s2l_cluster = row.S2lCluster,
            reason,
            instruction = row.Instruction,
            output_chars = row.Output?.Length ?? 0,
        }, Json);
    }
}
