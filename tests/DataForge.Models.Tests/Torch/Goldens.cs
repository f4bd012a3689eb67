using System.Text.Json;
using DataForge.Testing;

namespace DataForge.Models.Tests.Torch;

/// <summary>Golden outputs of the independent NumPy decoder (tools/reference/make_decoder_goldens.py).</summary>
internal sealed record Goldens(int[] LogitIds, double[][] Logits, IReadOnlyList<(int[] Context, int[] Continuation, double[] Values)> LogProbs, int[] GreedyPrompt, int[] GreedyTokens)
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Checkpoints", name);

    public static Goldens Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(name), "goldens.json")));
        var root = document.RootElement;
        static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt32())];
        static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];
        var logits = root.GetProperty("logits");
        var greedy = root.GetProperty("greedy");
        return new Goldens(
            Ints(logits.GetProperty("input_ids")),
            [.. logits.GetProperty("values").EnumerateArray().Select(Doubles)],
            [.. root.GetProperty("logprobs").EnumerateArray().Select(i => (Ints(i.GetProperty("context")), Ints(i.GetProperty("continuation")), Doubles(i.GetProperty("values"))))],
            Ints(greedy.GetProperty("prompt")),
            Ints(greedy.GetProperty("tokens")));
    }
}
