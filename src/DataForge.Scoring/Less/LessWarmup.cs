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
/// Each checkpoint's adapters are kept beside its features in the datastore. A rerun with another
/// target set on the same pool and settings finds every checkpoint there: it loads each checkpoint's
/// adapters into one fresh copy of the model and takes only the targets' gradients, with no warm-up
/// training and no candidate gradient. A datastore without adapters (or missing a checkpoint) is
/// completed by the warm-up as before.
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
    private readonly Action<string, long, long> _progress;

    /// <summary>Creates the warm-up of one selection.</summary>
    /// <param name="source">The base model.</param>
    /// <param name="options">The step's options.</param>
    /// <param name="store">The datastore of this pool and these settings.</param>
    /// <param name="settings">The settings text the datastore key hashes.</param>
    /// <param name="progress">Told each phase's units done and total (warm-up steps, candidate features); null: nobody.</param>
    public LessWarmup(ITrainableModelSource source, LessSelectorOptions options, LessDatastore store, string settings, Action<string, long, long>? progress = null)
    {
        _progress = progress ?? ((_, _, _) => { });
        _source = source;
        _options = options;
        _store = store;
        _settings = settings;
        _extractor = new LessFeatureExtractor(new RademacherProjector(options.ProjectionDimension), options.Preconditioning);
    }

    /// <summary>True once <see cref="RunAsync"/> restored every checkpoint from the datastore instead of training.</summary>
    public bool Restored { get; private set; }

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
        if (StoredCheckpoints(pool.Count) is { } stored)
        {
            Restored = true;
            foreach (var (header, adapters) in stored)
            {
                cancellationToken.ThrowIfCancellationRequested();
                model.LoadTrainableWeights(adapters);
                yield return new Checkpoint(header.Checkpoint, header.MeanLearningRate, TargetMeans(model, targets, subtasks, cancellationToken));
            }

            yield break;
        }

        var order = Enumerable.Range(0, warmup.Count).ToArray();
        var step = 0L;
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            Shuffle(order, random);
            foreach (var batch in order.Chunk(_options.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model.TrainStep([.. batch.Select(i => warmup[i])]);
                _progress("LESS warm-up (steps)", ++step, plan.TotalSteps);
            }

            var moments = model.AdamMoments();
            var meanRate = moments.LearningRates.Skip((epoch - 1) * batches).Take(batches).Average();
            if (_store.TryOpen(epoch, pool.Count, _options.ProjectionDimension) is null)
            {
                var header = new LessCheckpointHeader(_store.Key, epoch, pool.Count, _options.ProjectionDimension, _source.Identity, moments.Steps, meanRate, _settings);
                await _store.WriteAsync(header, CandidateRowsAsync(model, moments, pool.CandidatesAsync(input, cancellationToken), $"LESS features, checkpoint {epoch} (candidates)", pool.Count, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            await KeepAdaptersAsync(model, epoch, cancellationToken).ConfigureAwait(false);

            yield return new Checkpoint(epoch, meanRate, TargetMeans(model, targets, subtasks, cancellationToken));
        }
    }

    // Every checkpoint's header and adapters, when the datastore has all of them; else null.
    private List<(LessCheckpointHeader Header, float[] Adapters)>? StoredCheckpoints(int rows)
    {
        var stored = new List<(LessCheckpointHeader, float[])>(_options.Epochs);
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            if (_store.TryOpen(epoch, rows, _options.ProjectionDimension) is not { } header || _store.TryReadAdapters(epoch) is not { } adapters)
            {
                return null;
            }

            stored.Add((header, adapters));
        }

        return stored;
    }

    // A model that cannot give its weights leaves the datastore without adapters: a later run then trains again.
    private async Task KeepAdaptersAsync(ITrainableModel model, int epoch, CancellationToken cancellationToken)
    {
        float[] weights;
        try
        {
            weights = model.TrainableWeights();
        }
        catch (NotSupportedException)
        {
            return;
        }

        await _store.WriteAdaptersAsync(epoch, weights, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<float[]> CandidateRowsAsync(ITrainableModel model, AdamState moments, IAsyncEnumerable<TrainingExample> candidates, string phase, int total, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<TrainingExample>(FeatureBatch);
        var done = 0L;
        await foreach (var example in candidates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(example);
            if (batch.Count == FeatureBatch)
            {
                foreach (var row in _extractor.Candidates(model, batch, moments))
                {
                    yield return row;
                }

                done += batch.Count;
                _progress(phase, done, total);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            foreach (var row in _extractor.Candidates(model, batch, moments))
            {
                yield return row;
            }

            _progress(phase, done + batch.Count, total);
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
