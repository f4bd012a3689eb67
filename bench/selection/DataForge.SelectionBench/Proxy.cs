using System.Text.Json;

namespace DataForge.SelectionBench;

/// <summary>The proxy model's training record (<c>training.json</c> written by <c>dataforge model train-tiny</c>), as one line for the tables.</summary>
internal static class Proxy
{
    public static string Describe(string folder)
    {
        var path = Path.Combine(folder, "training.json");
        if (!File.Exists(path))
        {
            return $"proxy {folder} (no training.json)";
        }

        using var record = JsonDocument.Parse(File.ReadAllText(path));
        var r = record.RootElement;
        string S(string name) => r.TryGetProperty(name, out var v) ? v.ToString() : "?";
        return $"proxy: {S("parameters")} parameters ({S("size")}), {S("steps")} steps of {S("batch_size")} x {S("context_length")} tokens; corpus {S("corpus_documents")} documents, {S("corpus_bytes")} bytes, sha256 {S("corpus_sha256")}; validation loss {S("untrained_validation_loss")} -> {S("validation_loss")}";
    }
}
