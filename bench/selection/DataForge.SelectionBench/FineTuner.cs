using System.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Models.Torch;

namespace DataForge.SelectionBench;

/// <summary>
/// Fine-tunes a fresh copy of the base model on one subset at a fixed budget and measures the mean
/// response loss on the held-out examples.
/// </summary>
/// <remarks>
/// Every subset gets the same optimizer steps (⌈epochs · budget / batch⌉), the same batch size and the
/// same plan (full fine-tuning, AdamW, warm-up 3%, cosine decay to 10%, examples cut at
/// <c>MaxLength</c> tokens). Batches are consecutive slices of a stream of seeded shuffles of the subset,
/// so every batch is full; the training seed only changes that order. The held-out loss is the mean over
/// examples of each example's mean response-token loss, cut at the same length.
/// </remarks>
internal sealed class FineTuner(TorchLanguageModel baseModel, FineTuneSettings settings, IReadOnlyList<PoolRecord> heldOut)
{
    private readonly IReadOnlyList<TrainingExample> _heldOut = [.. heldOut.Select(r => baseModel.Example(r.Prompt, r.Output))];

    /// <summary>Optimizer steps for <paramref name="records"/> examples at <paramref name="epochs"/> epochs.</summary>
    public int Steps(int records, double epochs) => (int)Math.Ceiling(epochs * records / settings.BatchSize);

    /// <summary>The held-out loss of the base model itself, under the same length cut.</summary>
    public double UntrainedLoss(int steps)
    {
        using var model = baseModel.CreateTrainable(Plan(steps));
        return HeldOutLoss(model);
    }

    /// <summary>Trains on <paramref name="subset"/> for <paramref name="steps"/> steps; returns the held-out loss and the seconds taken.</summary>
    public (double Loss, double Seconds) Run(IReadOnlyList<PoolRecord> subset, int steps, int seed)
    {
        var clock = Stopwatch.StartNew();
        var examples = subset.Select(r => baseModel.Example(r.Prompt, r.Output)).ToArray();
        using var model = baseModel.CreateTrainable(Plan(steps));
        using var order = Order(examples.Length, new Random(seed)).GetEnumerator();
        for (var step = 0; step < steps; step++)
        {
            var batch = new List<TrainingExample>(settings.BatchSize);
            while (batch.Count < settings.BatchSize && order.MoveNext())
            {
                batch.Add(examples[order.Current]);
            }

            model.TrainStep(batch);
        }

        return (HeldOutLoss(model), clock.Elapsed.TotalSeconds);
    }

    private TrainingPlan Plan(int steps) => new() { LearningRate = settings.LearningRate, TotalSteps = steps, MaxLength = settings.MaxLength };

    private double HeldOutLoss(ITrainableModel model)
        => _heldOut.Chunk(settings.BatchSize).SelectMany(chunk => model.Losses(chunk)).Average();

    // An endless stream of shuffles of 0..count-1 (Fisher-Yates), one per epoch.
    private static IEnumerable<int> Order(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        while (true)
        {
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            foreach (var index in order)
            {
                yield return index;
            }
        }
    }
}

/// <summary>The fine-tuning budget every subset gets.</summary>
/// <param name="Epochs">Epochs over a selected subset.</param>
/// <param name="BatchSize">Examples per optimizer step.</param>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="MaxLength">Most tokens of one example, in training and in the held-out loss.</param>
/// <param name="FullPoolEpochs">Epochs over the whole pool (the "full pool" row).</param>
internal sealed record FineTuneSettings(double Epochs, int BatchSize, double LearningRate, int MaxLength, double FullPoolEpochs);
