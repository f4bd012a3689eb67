using System.Diagnostics;
using DataForge.Models.Torch;

namespace DataForge.SelectionBench;

/// <summary>Builds the subsets (random draws and the selectors' run folders) and fine-tunes on each with every training seed.</summary>
internal static class Evaluation
{
    /// <summary>The pool, part by part, in the selection pipelines' read order.</summary>
    public static readonly string[] Parts = ["seeds", "evol", "code-evol", "lintseq"];

    public static async Task<Results> RunAsync(string repository, string poolDirectory, IReadOnlyList<(string Name, string RunDirectory)> selectors, int seeds, FineTuneSettings settings, string mode)
    {
        var pool = Parts.SelectMany(part => PoolRecord.ReadJsonl(Path.Combine(poolDirectory, part + ".jsonl")).Select(r => (Part: part, Record: r))).ToList();
        var partOf = pool.GroupBy(p => p.Record.Key).ToDictionary(g => g.Key, g => g.First().Part, StringComparer.Ordinal);
        var heldOut = PoolRecord.ReadJsonl(Path.Combine(poolDirectory, "heldout.jsonl"));
        using var info = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(poolDirectory, "pool.json")));
        var budget = info.RootElement.GetProperty("budget").GetInt32();

        var subsets = new List<Subset>();
        for (var draw = 1; draw <= seeds; draw++)
        {
            subsets.Add(RandomDraw(pool.Select(p => p.Record).ToList(), budget, draw));
        }

        foreach (var (name, run) in selectors)
        {
            subsets.Add(await FromRunAsync(name, run));
        }

        using var model = TorchLanguageModel.Load(Path.Combine(repository, "models", "tiny"));
        var tuner = new FineTuner(model, settings, heldOut);
        var steps = tuner.Steps(budget);
        Console.Error.WriteLine($"evaluate: pool {pool.Count}, budget {budget}, {steps} steps of {settings.BatchSize} per fine-tune, {heldOut.Count} held-out examples, {subsets.Count} subsets x {seeds} training seeds");
        var untrained = tuner.UntrainedLoss(steps);
        Console.Error.WriteLine($"evaluate: untrained held-out loss {untrained:F4}");

        var rows = new List<SubsetResult>();
        foreach (var subset in subsets)
        {
            var runs = new List<(double Loss, double Seconds)>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                runs.Add(tuner.Run(subset.Records, steps, seed));
                Console.Error.WriteLine($"evaluate: {subset.Name}, training seed {seed}: held-out loss {runs[^1].Loss:F4} ({runs[^1].Seconds:F0} s)");
            }

            var mix = Parts.ToDictionary(p => p, p => subset.Records.Count(r => partOf.GetValueOrDefault(r.Key) == p));
            rows.Add(new SubsetResult(subset.Name, subset.IsRandom, subset.Records.Count, subset.SelectionSeconds, [.. runs.Select(r => r.Loss)], runs.Average(r => r.Seconds), mix));
        }

        return new Results(mode, DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessorCount, pool.Count, budget, heldOut.Count, steps, settings, untrained, rows);
    }

    // A seeded draw of exactly `budget` records without replacement (partial Fisher-Yates).
    private static Subset RandomDraw(List<PoolRecord> pool, int budget, int draw)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(1000 + draw);
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        for (var i = 0; i < budget; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var records = indices.Take(budget).Order().Select(i => pool[i]).ToList();
        return new Subset($"random {draw}", records, clock.Elapsed.TotalSeconds, IsRandom: true);
    }

    private static async Task<Subset> FromRunAsync(string name, string run)
    {
        var records = new List<PoolRecord>();
        await foreach (var row in RunShards.KeptAsync(run))
        {
            records.Add(new PoolRecord(row.Instruction ?? "", row.Input ?? "", row.Output ?? ""));
        }

        // The manifest's timings are each step's own active time; the selection steps (score, select) are
        // barriers that run one after the other, so their times add up.
        var timings = RunShards.Timings(run);
        var seconds = timings.Where(t => t.Key is "score" or "select").Sum(t => t.Value);
        return new Subset(name, records, seconds, IsRandom: false);
    }
}
