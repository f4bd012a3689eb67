using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch.Training;

namespace DataForge.Models.Torch.Tiny;

/// <summary>
/// Trains an embedded model from scratch: our byte-level BPE on the corpus, then a Qwen2-style
/// decoder on random windows of the token stream, seeded throughout, saved as a Hugging Face
/// checkpoint folder that loads through the same code as any other checkpoint.
/// </summary>
public static class TinyModelTrainer
{
    /// <summary>Trains and writes the model into <paramref name="outputFolder"/> (replaced whole at the end).</summary>
    public static TinyTrainingReport Train(TinyCorpus corpus, TinyTrainingOptions options, string outputFolder, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var staging = outputFolder.TrimEnd(Path.DirectorySeparatorChar) + ".training";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        progress?.Invoke($"corpus: {corpus.Documents.Count} documents, {corpus.Bytes / 1024} KiB; training a {options.VocabularySize}-token BPE");
        BpeTrainer.Train(corpus.PlainTexts, new BpeTrainerOptions { VocabularySize = options.VocabularySize }).Save(staging, ChatFormatKind.ChatMl);
        var tokenizer = HfTokenizer.Load(staging);
        var endOfText = tokenizer.IdOf("<|endoftext|>") ?? throw new InvalidOperationException("the trained tokenizer lacks <|endoftext|>");
        var endOfTurn = tokenizer.EosId ?? endOfText;

        var random = DeterministicRandom.FromSeed((ulong)options.Seed);
        var order = Enumerable.Range(0, corpus.Documents.Count).OrderBy(_ => random.NextUInt64()).ToList();
        var validationCount = Math.Max(1, (int)(order.Count * options.ValidationShare));
        var train = Stream(tokenizer, order.Skip(validationCount).Select(i => corpus.Documents[i]), endOfText);
        var validation = Stream(tokenizer, order.Take(validationCount).Select(i => corpus.Documents[i]), endOfText);
        if (train.Length <= options.ContextLength + 1)
        {
            throw new DataForge.Core.Diagnostics.DataForgeConfigException($"the corpus is too small: {train.Length} training tokens for windows of {options.ContextLength}");
        }

        var config = TinyModelShapes.For(options.Size, tokenizer.VocabularySize, endOfText, endOfTurn);
        using var decoder = TorchDecoder.Create(config, options.Seed);
        var validationRows = Windows(validation, options.ContextLength);
        using var trainer = new DecoderTrainer(decoder, new TrainingOptions
        {
            Plan = new TrainingPlan
            {
                LearningRate = options.LearningRate,
                TotalSteps = options.Steps,
                WarmupSteps = Math.Max(1, options.Steps / 20),
                WeightDecay = 0.1,
            },
            Beta2 = 0.95,
        });
        var untrained = trainer.Losses(validationRows).Average();
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"model: {config.ParameterCount / 1e6:F2}M parameters; {train.Length} training tokens, {validation.Length} validation tokens; untrained validation loss {untrained:F3}"));
        var recent = new Queue<double>();
        for (var step = 0; step < options.Steps; step++)
        {
            var batch = Enumerable.Range(0, options.BatchSize).Select(_ => Window(train, random.Next(train.Length - options.ContextLength), options.ContextLength)).ToList();
            var loss = trainer.TrainStep(batch);
            recent.Enqueue(loss);
            if (recent.Count > 20)
            {
                recent.Dequeue();
            }

            if ((step + 1) % 25 == 0 || step + 1 == options.Steps)
            {
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"step {step + 1}/{options.Steps}: train loss {recent.Average():F3} ({watch.Elapsed.TotalSeconds:F0} s)"));
            }
        }

        decoder.Save(staging, options.StoreBFloat16);
        using var saved = TorchDecoder.Load(staging, tokenizer.VocabularySize);
        var final = DecoderTrainer.Losses(saved, validationRows).Average();
        var report = new TinyTrainingReport(config.ParameterCount, tokenizer.VocabularySize, corpus.Documents.Count - validationCount, train.Length, validationRows.Sum(r => r.Ids.Length), untrained, final, recent.Average(), watch.Elapsed);
        WriteTrainingRecord(staging, options, report, corpus);
        Publish(staging, outputFolder);
        return report;
    }

    private static int[] Stream(HfTokenizer tokenizer, IEnumerable<string> documents, int separator)
        => [.. documents.SelectMany(d => tokenizer.Encode(d, allowSpecial: true).Append(separator))];

    private static (int[] Ids, long[] Labels) Window(int[] stream, int start, int length)
    {
        var ids = stream.AsSpan(start, length).ToArray();
        return (ids, [.. ids.Select(i => (long)i)]);
    }

    // Non-overlapping windows covering the validation stream (the last one may be shorter).
    private static List<(int[] Ids, long[] Labels)> Windows(int[] stream, int length)
        => [.. Enumerable.Range(0, (stream.Length + length - 1) / length)
            .Select(i => Window(stream, i * length, Math.Min(length, stream.Length - (i * length))))
            .Where(w => w.Ids.Length > 1)];

    private static void WriteTrainingRecord(string folder, TinyTrainingOptions options, TinyTrainingReport report, TinyCorpus corpus)
    {
        var record = new JsonObject
        {
            ["trained_by"] = "dataforge model train-tiny",
            ["size"] = options.Size.ToString().ToLowerInvariant(),
            ["seed"] = options.Seed,
            ["steps"] = options.Steps,
            ["batch_size"] = options.BatchSize,
            ["context_length"] = options.ContextLength,
            ["learning_rate"] = options.LearningRate,
            ["corpus_documents"] = corpus.Documents.Count,
            ["corpus_bytes"] = corpus.Bytes,
            ["corpus_sha256"] = corpus.Sha256,
            ["parameters"] = report.Parameters,
            ["vocabulary"] = report.Vocabulary,
            ["train_tokens"] = report.TrainTokens,
            ["validation_tokens"] = report.ValidationTokens,
            ["untrained_validation_loss"] = Math.Round(report.UntrainedLoss, 4),
            ["validation_loss"] = Math.Round(report.ValidationLoss, 4),
            ["purpose"] = "runs the whole pipeline with no download; not meant to produce good data",
        };
        File.WriteAllText(Path.Combine(folder, "training.json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static void Publish(string staging, string outputFolder)
    {
        var old = outputFolder.TrimEnd(Path.DirectorySeparatorChar) + ".old";
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(outputFolder))
        {
            Directory.Move(outputFolder, old);
        }

        Directory.Move(staging, outputFolder);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
