using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Generation.Novelty;
using DataForge.Testing;

// Novelty filter vs the plain pairwise rule, on instructions from a JSONL file (field "instruction").
// Usage: DataForge.NoveltyBench FILE N [NAIVE_N]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var texts = File.ReadLines(args[0]).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("instruction").GetString()!).ToList();
var n = Math.Min(int.Parse(args[1], CultureInfo.InvariantCulture), texts.Count);
var naiveN = args.Length > 2 ? Math.Min(int.Parse(args[2], CultureInfo.InvariantCulture), n) : 2000;
var samples = texts.Take(n).Select((t, i) => new Sample { Id = $"i{i:D6}", Instruction = t }).ToList();

// Warm-up (JIT) on a small slice, then the timed run through the real step and engine.
await Run(samples.Take(300).ToList());
var clock = Stopwatch.StartNew();
var result = await Run(samples);
var filterSeconds = clock.Elapsed.TotalSeconds;
var kept = result.Outputs.Count;

clock.Restart();
var naive = NaivePairwise.Run([.. samples.Take(naiveN).Select(s => (s.Id, s.Instruction!))], 0.7, 10);
var naiveSeconds = clock.Elapsed.TotalSeconds;
var naiveExtrapolated = naiveSeconds * ((double)n * n) / ((double)naiveN * naiveN);
var agree = naive.Select(x => x.Accepted).SequenceEqual(result.Outputs.Concat(result.Rejects).OrderBy(s => s.Id, StringComparer.Ordinal).Take(naiveN).Select(s => s.Reason != "near_duplicate"));

Console.WriteLine("| method | instructions | seconds | kept | note |");
Console.WriteLine("|---|---:|---:|---:|---|");
Console.WriteLine($"| novelty-filter (pruned, bit-parallel LCS, {Environment.ProcessorCount} cores; through the engine) | {n} | {filterSeconds:F2} | {kept} | |");
Console.WriteLine($"| plain pairwise (DP LCS, one core) | {naiveN} | {naiveSeconds:F2} | {naive.Count(x => x.Accepted)} | measured |");
Console.WriteLine($"| plain pairwise, extrapolated by n² | {n} | {naiveExtrapolated:F1} | | |");
Console.WriteLine();
Console.WriteLine($"speed-up at {n}: {naiveExtrapolated / filterSeconds:F0}x; decisions on the first {naiveN} identical to the plain rule: {(agree ? "yes" : "NO")}");

static async Task<StepRunResult> Run(IReadOnlyList<Sample> samples)
{
    var step = new NoveltyFilter(new NoveltyFilterOptions());
    return await StepHarness.RunAsync(step, samples, capacity: 256);
}
