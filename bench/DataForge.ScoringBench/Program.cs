using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Torch;
using DataForge.Scoring.Ifd;
using DataForge.Scoring.Less;

// Scoring throughput on the embedded tiny model, in one process:
//  1. score-ifd (IFD and IC-IFD) one record at a time (batch 1, the references' way) vs batched
//     across records, tokens/s over the same records;
//  2. LESS gradient features: per-sample LoRA gradients, Adam preconditioning, projection, samples/s.
var options = Options.Parse(args);
var records = Seeds(options.Seeds, options.Records);
Console.Error.WriteLine($"scoring-bench: {records.Count} seed records, model {options.Model}");

using var model = TorchLanguageModel.Load(options.Model, new TorchModelOptions { BatchSize = options.Batch });
using var single = TorchLanguageModel.Load(options.Model, new TorchModelOptions { BatchSize = 1 });
var rows = new List<string[]>();
foreach (var metric in new[] { IfdMetric.Ifd, IfdMetric.IcIfd })
{
    var ifdOptions = new IfdOptions { Metric = metric };
    var tokens = Tokens(model, records, ifdOptions);
    var one = await TimeAsync(() => ScoreAllAsync(new IfdScorer(single, ifdOptions with { BatchRecords = 1 }), records, 1));
    var many = await TimeAsync(() => ScoreAllAsync(new IfdScorer(model, ifdOptions with { BatchRecords = options.BatchRecords }), records, options.BatchRecords));
    var name = metric == IfdMetric.Ifd ? "ifd" : "ic_ifd";
    rows.Add([$"{name}, one record at a time (model batch 1)", Rate(tokens, one), "tokens/s", Seconds(one)]);
    rows.Add([$"{name}, batched ({options.BatchRecords} records per call, model batch {options.Batch})", Rate(tokens, many), "tokens/s", Seconds(many)]);
    rows.Add([$"{name}, speed-up", (one.TotalSeconds / many.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "x", "", ""]);
}

// LESS: a LoRA copy (rank 8 on q/k/v/o, as pipelines/select-less.toml), one warm-up step so Adam has moments.
using (var trainable = model.CreateTrainable(new TrainingPlan { LearningRate = 1e-3, TotalSteps = 10, Lora = new LoraPlan(8, 32, ["q_proj", "k_proj", "v_proj", "o_proj"], 1), MaxLength = 512 }))
{
    var examples = records.Take(options.LessSamples).Select(r => model.Example(IfdPromptFormat.Plain(r.Instruction!, r.Input), r.Output!)).ToList();
    trainable.TrainStep(examples.Take(8).ToList());
    var moments = trainable.AdamMoments();
    var parameters = moments.ExpAvg.Length;
    foreach (var dimension in new[] { 1024, 8192 })
    {
        var extractor = new LessFeatureExtractor(new RademacherProjector(dimension, seed: 0));
        var clock = Stopwatch.StartNew();
        foreach (var chunk in examples.Chunk(16))
        {
            extractor.Candidates(trainable, chunk, moments);
        }

        clock.Stop();
        rows.Add([$"LESS candidate features ({parameters:N0} LoRA parameters -> d = {dimension})", Rate(examples.Count, clock.Elapsed), "samples/s", Seconds(clock.Elapsed)]);
        var gradients = Stopwatch.StartNew();
        foreach (var chunk in examples.Chunk(16))
        {
            trainable.Gradients(chunk);
        }

        gradients.Stop();
        rows.Add([$"  of which per-sample gradients alone", Rate(examples.Count, gradients.Elapsed), "samples/s", Seconds(gradients.Elapsed)]);
    }
}

Print(rows, options);
return 0;

static async Task<TimeSpan> TimeAsync(Func<Task> work)
{
    await work();                                   // warm-up pass (JIT, allocator), not timed
    var clock = Stopwatch.StartNew();
    await work();
    return clock.Elapsed;
}

static async Task ScoreAllAsync(IfdScorer scorer, List<Sample> records, int chunk)
{
    foreach (var part in records.Chunk(chunk))
    {
        await scorer.ScoreAsync(part, CancellationToken.None);
    }
}

// Tokens the model reads for the records: context + continuation of both passes.
static long Tokens(TorchLanguageModel model, List<Sample> records, IfdOptions options)
{
    long total = 0;
    foreach (var r in records)
    {
        string[] texts = options.Metric == IfdMetric.IcIfd
            ? [IfdPromptFormat.Plain(r.Instruction!, r.Input) + "\n" + r.Output, r.Output!]
            : [IfdPromptFormat.Prompt(options.PromptFormat, r.Instruction!, r.Input), r.Output!, IfdPromptFormat.AnswerPrefix(options.PromptFormat), r.Output!];
        total += texts.Sum(t => (long)model.Tokenizer.Encode(t, allowSpecial: true).Length);
    }

    return total;
}

static string Rate(double amount, TimeSpan time) => (amount / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

static List<Sample> Seeds(string folder, int limit)
{
    var samples = new List<Sample>();
    foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
    {
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            samples.Add(new Sample
            {
                Id = $"{Path.GetFileNameWithoutExtension(file)}-{samples.Count}",
                Instruction = root.GetProperty("instruction").GetString(),
                Input = root.TryGetProperty("input", out var input) ? input.GetString() : null,
                Output = root.GetProperty("output").GetString(),
            });
        }
    }

    // Interleave the files so a limit takes every kind of task.
    return [.. samples.Select((s, i) => (s, i)).OrderBy(p => p.i % 8).ThenBy(p => p.i).Select(p => p.s).Take(limit)];
}

static void Print(List<string[]> rows, Options options)
{
    Console.WriteLine($"scoring throughput, embedded tiny model, {Environment.ProcessorCount} cores, torch threads {TorchSharp.torch.get_num_threads()}");
    Console.WriteLine();
    Console.WriteLine("| measurement | rate | unit | wall |");
    Console.WriteLine("|---|---:|---|---:|");
    foreach (var row in rows)
    {
        Console.WriteLine($"| {row[0]} | {row[1]} | {row[2]} | {row[3]} |");
    }
}

internal sealed record Options(string Model, string Seeds, int Records, int Batch, int BatchRecords, int LessSamples)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new Options(Value("--model", "models/tiny"), Value("--seeds", "seeds/instructions"), Number("--records", 216), Number("--batch", 8), Number("--batch-records", 64), Number("--less-samples", 64));
    }
}
