using DataForge.Core.Seams;

namespace DataForge.Scoring.S2l;

/// <summary>
/// Trains a fresh copy of the proxy on the pool and records each example's response loss at T
/// checkpoints (docs/algorithms.md#s2l).
/// </summary>
/// <remarks>
/// The reference saves a checkpoint every 500 optimizer steps and keeps the last 12, so its
/// trajectories cover the end of a long run. A pool here may be a few hundred records (a few dozen
/// steps), so the T recordings are spaced evenly over the whole run instead: recording t (1-based)
/// follows step ⌈t·S/T⌉ of S, the last one the end of training; T is clamped to S. Losses that are
/// not finite (a response cut away entirely) become 0, as the reference turns NaN into 0.
/// </remarks>
internal static class S2lProxyTraining
{
    /// <summary>The trajectory of each example: one loss per recording.</summary>
    /// <param name="proxy">Gives the fresh trainable copy.</param>
    /// <param name="examples">The pool, rendered in the proxy's format.</param>
    /// <param name="options">Epochs, batch size, learning rate, maximum length, T.</param>
    /// <param name="random">Shuffles each epoch's order.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <param name="progress">Told the optimizer steps taken and their total after each step; null: nobody.</param>
    public static double[][] Record(ITrainableModelSource proxy, IReadOnlyList<TrainingExample> examples, S2lSelectorOptions options, Random random, CancellationToken cancellationToken, Action<long, long>? progress = null)
    {
        var batches = (examples.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = checked(options.Epochs * batches);
        var checkpoints = CheckpointSteps(totalSteps, options.Checkpoints);
        var plan = new TrainingPlan { LearningRate = options.LearningRate, TotalSteps = totalSteps, MinLearningRateRatio = 0, MaxLength = options.MaxLength };
        var trajectories = examples.Select(_ => new double[checkpoints.Length]).ToArray();
        using var model = proxy.CreateTrainable(plan);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var (step, next) = (0, 0);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            Shuffle(order, random);
            foreach (var batch in order.Chunk(options.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model.TrainStep([.. batch.Select(i => examples[i])]);
                step++;
                progress?.Invoke(step, totalSteps);
                if (next < checkpoints.Length && step == checkpoints[next])
                {
                    RecordLosses(model, examples, trajectories, next++, options.BatchSize, cancellationToken);
                }
            }
        }

        return trajectories;
    }

    /// <summary>The steps after which losses are recorded: ⌈t·S/T⌉ for t = 1..min(T, S).</summary>
    public static int[] CheckpointSteps(int totalSteps, int checkpoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoints, 1);
        var count = Math.Min(checkpoints, totalSteps);
        return [.. Enumerable.Range(1, count).Select(t => (int)((((long)t * totalSteps) + count - 1) / count))];
    }

    private static void RecordLosses(ITrainableModel model, IReadOnlyList<TrainingExample> examples, double[][] trajectories, int column, int batchSize, CancellationToken cancellationToken)
    {
        for (var start = 0; start < examples.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, examples.Count - start);
            var losses = model.Losses([.. Enumerable.Range(start, count).Select(i => examples[i])]);
            for (var i = 0; i < count; i++)
            {
                trajectories[start + i][column] = double.IsFinite(losses[i]) ? losses[i] : 0;
            }
        }
    }

    // Fisher-Yates written out, so the order is fixed by this code and the generator alone.
    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
