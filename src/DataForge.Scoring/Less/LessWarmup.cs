using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Seams;

namespace DataForge.Scoring.Less;

/// <summary>
/// LESS's warm-up and gradient datastore (docs/algorithms.md#less): LoRA training of a fresh
/// copy of the base model on the warm-up subset, and at the end of every epoch, while that
/// checkpoint's weights and Adam moments are live, the candidates' features (written to the
/// datastore, or found there) and the targets' features (reduced to one mean per subtask).
/// </summary>
/// <remarks>
/// Nothing is reloaded: a checkpoint exists only while its epoch's state is in memory. A rerun with
/// another target set therefore repeats the warm-up (a few percent of the pool, deterministic under
/// the seed) to restore each checkpoint, but takes no candidate gradient where the datastore has the
/// checkpoint.
/// </remarks>
internal sealed class LessWarmup
{
    /// <summary>Examples per gradient call and projection (the reference projects 16 at a time).</summary>
    public const int FeatureBatch = 16;

    private readonly ITrainableModelSource _source;
    private readonly LessSelectorOptions _options;
    private readonly LessFeatureExtractor _extractor;
    private readonly LessDatastore _store;
    private readonly string _settings;

    public LessWarmup(ITrainableModelSource source, LessSelectorOptions options, LessDatastore store, string settings)
    {
        _source = source;
        _options = options;
        _store = store;
        _settings = settings;
        _extractor = new LessFeatureExtractor(new RademacherProjector(options.ProjectionDimension), options.Preconditioning);
    }

    /// <summary>One checkpoint: its number, its epoch's mean learning rate, its subtask means of target features.</summary>
    public sealed record Checkpoint(int Number, double MeanLearningRate, float[]?[] Means);

    /// <summary>Trains, and gives each checkpoint once its candidate features are in the datastore.</summary>
    /// <param name="pool">The candidates.</param>
    /// <param name="input">The re-readable input.</param>
    /// <param name="warmup">The warm-up examples.</param>
    /// <param name="targets">The target examples, rendered, with their subtask index.</param>
    /// <param name="subtasks">Number of subtasks.</param>
    /// <param name="random">Draws the adapters' seed and each epoch's order.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public async IAsyncEnumerable<Checkpoint> RunAsync(
        LessPool pool,
        Func<IAsyncEnumerable<Sample>> input,
        IReadOnlyList<TrainingExample> warmup,
        IReadOnlyList<(TrainingExample Example, int Subtask)> targets,
        int subtasks,
        Random random,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batches = (warmup.Count + _options.BatchSize - 1) / _options.BatchSize;
        var plan = new TrainingPlan
        {
            LearningRate = _options.LearningRate,
            TotalSteps = checked(_options.Epochs * batches),
            MinLearningRateRatio = 0,
            MaxLength = _options.MaxLength,
            Lora = new LoraPlan(_options.LoraRank, _options.LoraAlpha, _options.EffectiveLoraTargets, random.NextInt64()),
        };
        using var model = _source.CreateTrainable(plan);
        var order = Enumerable.Range(0, warmup.Count).ToArray();
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            Shuffle(order, random);
            foreach (var batch in order.Chunk(_options.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model.TrainStep([.. batch.Select(i => warmup[i])]);
            }

            var moments = model.AdamMoments();
            var meanRate = moments.LearningRates.Skip((epoch - 1) * batches).Take(batches).Average();
            if (_store.TryOpen(epoch, pool.Count, _options.ProjectionDimension) is null)
            {
                var header = new LessCheckpointHeader(_store.Key, epoch, pool.Count, _options.ProjectionDimension, _source.Identity, moments.Steps, meanRate, _settings);
                await _store.WriteAsync(header, CandidateRowsAsync(model, moments, pool.CandidatesAsync(input, cancellationToken), cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            yield return new Checkpoint(epoch, meanRate, TargetMeans(model, targets, subtasks, cancellationToken));
        }
    }

    private async IAsyncEnumerable<float[]> CandidateRowsAsync(ITrainableModel model, AdamState moments, IAsyncEnumerable<TrainingExample> candidates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<TrainingExample>(FeatureBatch);
        await foreach (var example in candidates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(example);
            if (batch.Count == FeatureBatch)
            {
                foreach (var row in _extractor.Candidates(model, batch, moments))
                {
                    yield return row;
                }

                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            foreach (var row in _extractor.Candidates(model, batch, moments))
            {
                yield return row;
            }
        }
    }

    private float[]?[] TargetMeans(ITrainableModel model, IReadOnlyList<(TrainingExample Example, int Subtask)> targets, int subtasks, CancellationToken cancellationToken)
    {
        var rows = new List<float[]>(targets.Count);
        foreach (var chunk in targets.Chunk(FeatureBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.AddRange(_extractor.Targets(model, [.. chunk.Select(t => t.Example)]));
        }

        return LessScorer.SubtaskMeans(rows, [.. targets.Select(t => t.Subtask)], subtasks);
    }

    // Fisher-Yates written out, so the order is fixed by this code and the generator alone.
    public static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
