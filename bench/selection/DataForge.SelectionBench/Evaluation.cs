using System.Diagnostics;
using System.Text.Json;
using DataForge.Models.Torch;

namespace DataForge.SelectionBench;

/// <summary>What one evaluation runs: the proxy, the pool folder, the selectors' run folders and the repeats.</summary>
internal sealed record EvaluationPlan(string Proxy, string PoolDirectory, IReadOnlyList<(string Name, string Budget, string Run)> Selectors, int Draws, int Seeds, FineTuneSettings Settings, string Mode, bool FullPool);

/// <summary>Builds the subsets (random draws, the selectors' run folders, the whole pool) and fine-tunes the proxy on each with every training seed.</summary>
internal static class Evaluation
{
    /// <summary>The planted kinds, in table order.</summary>
    public static readonly string[] Kinds = ["target", "off_target", "swapped", "truncated", "near_duplicate", "clean"];

    /// <summary>Parses <c>NAME@BUDGET=RUN</c>.</summary>
    public static (string Name, string Budget, string Run) ParseSelector(string text)
    {
        var (label, run) = (text.Split('=', 2)[0], text.Split('=', 2)[1]);
        return (label.Split('@')[0], label.Split('@')[1], run);
    }

    public static async Task<Results> RunAsync(EvaluationPlan plan)
    {
        var pool = PoolRecord.ReadJsonl(Path.Combine(plan.PoolDirectory, "truth.jsonl"));
        var truth = pool.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var heldOut = PoolRecord.ReadJsonl(Path.Combine(plan.PoolDirectory, "heldout.jsonl"));
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(plan.PoolDirectory, "pool.json")));
        var budgets = info.RootElement.GetProperty("budgets").EnumerateObject().Select(p => (Label: p.Name, Count: p.Value.GetInt32())).ToList();

        var subsets = new List<Subset>();
        foreach (var (label, count) in budgets)
        {
            for (var draw = 1; draw <= plan.Draws; draw++)
            {
                subsets.Add(RandomDraw(pool, label, count, draw));
            }

            foreach (var (name, _, run) in plan.Selectors.Where(s => s.Budget == label))
            {
                subsets.Add(await FromRunAsync(name, label, run, truth));
            }
        }

        if (plan.FullPool)
        {
            subsets.Add(new Subset("full pool", "100%", pool, 0, IsRandom: false));
        }

        using var model = TorchLanguageModel.Load(plan.Proxy);
        var tuner = new FineTuner(model, plan.Settings, heldOut);
        Console.Error.WriteLine($"evaluate: pool {pool.Count}, budgets {string.Join(", ", budgets.Select(b => $"{b.Label} = {b.Count}"))}, {heldOut.Count} held-out examples, {subsets.Count} subsets x {plan.Seeds} training seeds");
        var untrained = tuner.UntrainedLoss(1);
        Console.Error.WriteLine($"evaluate: no fine-tune: held-out loss {untrained:F4}");

        var rows = new List<SubsetResult>();
        foreach (var subset in subsets)
        {
            var steps = tuner.Steps(subset.Records.Count, subset.Budget == "100%" ? plan.Settings.FullPoolEpochs : plan.Settings.Epochs);
            var runs = new List<(double Loss, double Seconds)>();
            for (var seed = 1; seed <= plan.Seeds; seed++)
            {
                runs.Add(tuner.Run(subset.Records, steps, seed));
                Console.Error.WriteLine($"evaluate: {subset.Name} @ {subset.Budget} ({subset.Records.Count} records, {steps} steps), training seed {seed}: held-out loss {runs[^1].Loss:F4} ({runs[^1].Seconds:F0} s)");
            }

            var mix = Kinds.ToDictionary(k => k, k => subset.Records.Count(r => r.Kind == k));
            rows.Add(new SubsetResult(subset.Name, subset.Budget, subset.IsRandom, subset.Records.Count, steps, subset.SelectionSeconds,
                [.. runs.Select(r => r.Loss)], runs.Average(r => r.Seconds), mix, subset.Records.Count(r => r.Kind.Length == 0)));
        }

        var poolMix = Kinds.ToDictionary(k => k, k => pool.Count(r => r.Kind == k));
        var meta = new RunInfo(plan.Mode, DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessorCount, pool.Count, heldOut.Count, plan.Seeds, plan.Draws, plan.Settings, poolMix, Proxy.Describe(plan.Proxy));
        return new Results(meta, untrained, rows);
    }

    // A seeded draw of exactly `count` records without replacement (partial Fisher-Yates).
    private static Subset RandomDraw(IReadOnlyList<PoolRecord> pool, string label, int count, int draw)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random((1000 * count) + draw);
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var records = indices.Take(count).Order().Select(i => pool[i]).ToList();
        return new Subset($"random {draw}", label, records, clock.Elapsed.TotalSeconds, IsRandom: true);
    }

    // The kept rows, matched to the truth by their text; a row the truth lacks keeps an empty kind (counted as unmatched).
    private static async Task<Subset> FromRunAsync(string name, string label, string run, IReadOnlyDictionary<string, PoolRecord> truth)
    {
        var records = new List<PoolRecord>();
        await foreach (var row in RunShards.KeptAsync(run))
        {
            var record = new PoolRecord(row.Instruction ?? "", row.Input ?? "", row.Output ?? "");
            records.Add(truth.GetValueOrDefault(record.Key) ?? record);
        }

        await Inspection.WriteAsync(run, truth);

        // The manifest's timings are each step's own active time; the selection steps (score, select) are
        // barriers that run one after the other, so their times add up.
        var seconds = RunShards.Timings(run).Where(t => t.Key is "score" or "select").Sum(t => t.Value);
        return new Subset(name, label, records, seconds, IsRandom: false);
    }
}
