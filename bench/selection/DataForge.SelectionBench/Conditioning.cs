using System.Globalization;
using System.Text.Json;
using DataForge.Core.Seams;
using DataForge.Models.Torch;

namespace DataForge.SelectionBench;

/// <summary>
/// An independent check of what IFD can see under a model: per planted kind, the mean response loss with
/// the instruction before it and with nothing before it (a plain "instruction, blank line" prompt, not the
/// score-ifd step's template or code), their ratio, and the correlation of that ratio with the IFD a
/// score-ifd run stored. A ratio near 1 for every kind means the model gains nothing from the
/// instruction, so no IFD implementation could tell a swapped pair from a clean one under it.
/// With <c>warm</c> &gt; 0 the proxy is first fine-tuned on that many seeded random pool records
/// (Cherry_LLM's "pre-experienced" model) and, with <c>save</c>, written out for a score-ifd run.
/// </summary>
internal static class Conditioning
{
    public static string Run(string proxy, string poolDirectory, int limit, string? ifdRun, int warm, int warmEpochs, string? save)
    {
        var all = PoolRecord.ReadJsonl(Path.Combine(poolDirectory, "truth.jsonl"));
        var pool = all.Take(limit).ToList();
        using var model = TorchLanguageModel.Load(proxy);
        var steps = Math.Max(1, (int)Math.Ceiling(warmEpochs * warm / 8.0));
        using var scorer = model.CreateTrainable(new TrainingPlan { LearningRate = 1e-3, TotalSteps = steps, MaxLength = 512 });
        if (warm > 0)
        {
            var sample = all.Select((r, i) => (r, Key: new Random(7 + i).Next())).OrderBy(p => p.Key).Take(warm).Select(p => model.Example(p.r.Prompt, p.r.Output)).ToList();
            var stream = Enumerable.Range(0, warmEpochs).SelectMany(_ => sample).ToList();
            foreach (var batch in stream.Chunk(8))
            {
                scorer.TrainStep(batch);
            }

            if (save is not null)
            {
                scorer.Save(save);
            }
        }

        var conditional = pool.Chunk(8).SelectMany(c => scorer.Losses([.. c.Select(r => new TrainingExample(r.Prompt + "\n\n", r.Output))])).ToList();
        var alone = pool.Chunk(8).SelectMany(c => scorer.Losses([.. c.Select(r => new TrainingExample("\n", r.Output))])).ToList();
        var ratios = conditional.Zip(alone, (c, a) => c / a).ToList();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"conditioning under {proxy}{(warm > 0 ? $" fine-tuned on {warm} random pool records for {warmEpochs} epochs" : "")}, first {pool.Count} pool records\n\n| kind | records | loss(A given Q) | loss(A) | ratio mean | ratio > 1 |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var kind in Evaluation.Kinds)
        {
            var at = Enumerable.Range(0, pool.Count).Where(i => pool[i].Kind == kind).ToList();
            if (at.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {kind} | {at.Count} | {at.Average(i => conditional[i]):F3} | {at.Average(i => alone[i]):F3} | {at.Average(i => ratios[i]):F4} | {at.Count(i => ratios[i] > 1)} |\n");
            }
        }

        if (ifdRun is not null)
        {
            var stored = File.ReadLines(Path.Combine(ifdRun, "inspection.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("ifd").ValueKind == JsonValueKind.Number)
                .ToDictionary(e => e.GetProperty("instruction").GetString()!, e => e.GetProperty("ifd").GetDouble(), StringComparer.Ordinal);
            var pairs = Enumerable.Range(0, pool.Count).Where(i => stored.ContainsKey(pool[i].Instruction)).Select(i => (Mine: ratios[i], Step: stored[pool[i].Instruction])).ToList();
            text.Append(CultureInfo.InvariantCulture, $"\nPearson correlation with the IFD stored by {ifdRun}: {Pearson(pairs):F3} over {pairs.Count} records\n");
        }

        return text.ToString();
    }

    private static double Pearson(IReadOnlyList<(double X, double Y)> pairs)
    {
        var (mx, my) = (pairs.Average(p => p.X), pairs.Average(p => p.Y));
        var cov = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        return cov / Math.Sqrt(pairs.Sum(p => (p.X - mx) * (p.X - mx)) * pairs.Sum(p => (p.Y - my) * (p.Y - my)));
    }
}
