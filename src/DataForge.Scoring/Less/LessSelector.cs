using System.Globalization;
using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Less;

/// <summary>
/// LESS data selection (docs/algorithms.md#less): keeps the candidates whose LoRA gradients, after a short
/// warm-up, point most the way a few target examples' gradients do.
/// </summary>
/// <remarks>
/// <para>A random <c>warmup_fraction</c> of the candidates (seeded by the run seed alone, so the
/// datastore is shared by steps of any name) trains LoRA adapters on a fresh copy of the model for
/// <c>epochs</c> epochs (AdamW, 3% linear warm-up, decay to zero). At the end of epoch i each candidate
/// gets its Adam-preconditioned gradient Γ and each target its plain gradient, both projected to
/// d dimensions and made unit length (<see cref="LessFeatureExtractor"/>); the candidates' rows go to
/// the datastore (<see cref="LessDatastore"/>) with the checkpoint's adapters; a later run on the same pool reuses
/// both, restoring each checkpoint from its adapters instead of repeating the warm-up. An edit sequence's
/// example is its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>).
/// Score: <c>max over subtasks of mean over the subtask's targets of Σ_i η̄_i · cos</c>, η̄_i the mean
/// learning rate of epoch i over their sum (<see cref="LessScorer"/>). The top <c>keep</c> (or
/// <c>keep_fraction</c> of the scored records, rounded down) are kept, ranked by score then input
/// order; every record leaves once, in input order.</para>
/// <para>Input fields: instruction, input, output (an edit sequence: its <c>&lt;|diff|&gt;</c> edit text). Output fields: <c>scores.less</c>, <c>meta.less_subtask</c>
/// (the subtask that gave the score); kept records carry the reason <c>kept_top_less</c>.</para>
/// <para>Drop reasons: <c>below_budget</c>; errors: <c>no_instruction</c>, <c>no_output</c>,
/// <c>no_response_tokens</c> (the response lies wholly beyond <c>max_length</c>, so it has no gradient).</para>
/// <para>Candidates a reviewer accepted (docs/verdicts.md) are scored like the others and kept with the
/// reason <c>kept_reviewer_accepted</c>; they take budget slots first, and the ranking fills what they
/// leave (the errors above stay errors).</para>
/// <para>Departures from the reference: one batch per optimizer step instead of gradient accumulation
/// over 4 GPUs; cosine rather than linear decay (the trainer's schedule; η̄ follows the schedule actually
/// used); no LoRA dropout (the trainer has none); subtasks grouped by name, not by a reshape. Options:
/// <see cref="LessSelectorOptions"/>.</para>
/// References: Xia et al., "LESS: Selecting Influential Data for Targeted Instruction Tuning"
/// (arXiv 2402.04333); github.com/princeton-nlp/LESS <c>less/data_selection/collect_grad_reps.py</c>,
/// <c>matching.py</c>, <c>write_selected_data.py</c>.
/// </remarks>
public sealed class LessSelector : BarrierStep
{
    /// <summary>The score's name.</summary>
    public const string ScoreName = "less";

    /// <summary>The reason kept records carry.</summary>
    public const string KeptReason = "kept_top_less";

    private readonly ITrainableModelSource _model;
    private readonly LessTargetSet _targets;
    private readonly LessSelectorOptions _options;

    /// <summary>Creates the step.</summary>
    /// <param name="model">The base model to warm up.</param>
    /// <param name="targets">Examples of the wanted capability.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">A key is out of range or names an unknown projection.</exception>
    public LessSelector(ITrainableModelSource model, LessTargetSet targets, LessSelectorOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        OptionSchema.Validate(options);
    }

    /// <summary>Every reason a record may be dropped or rejected with.</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["below_budget", "no_instruction", "no_output", "no_response_tokens"];

    /// <summary>The <c>select-less</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<LessSelector, LessSelectorOptions>(
        "select-less",
        "LESS: LoRA warm-up, Adam-preconditioned gradient features of every candidate (an edit sequence: of its <|diff|> edit text), kept by similarity to a target set's gradients; the datastore keeps features and adapters, so another target set skips the warm-up.",
        new(["instruction", "input", "output", "edits"], ["scores", "meta"], Reasons),
        LessSelectorFactory.Build);

    /// <summary>2: an edit sequence is scored on its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>), not its final program.</summary>
    public override int Version => 2;

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>Cached as a whole: a rerun on the same input trains nothing.</summary>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    public override bool IsSelection => true;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var pool = await LessPool.ScanAsync(input, _model, cancellationToken).ConfigureAwait(false);
        var scores = pool.Count == 0 ? Array.Empty<(double Score, int Subtask)?>() : await ScoreAsync(pool, input, context, cancellationToken).ConfigureAwait(false);
        var pinned = context.Verdicts.AcceptCount == 0 ? null : await PinnedAsync(pool, input, context, cancellationToken).ConfigureAwait(false);
        var kept = Select(scores, _options.Keep, _options.KeepFraction, pinned);
        var (index, candidate) = (0, 0);
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (pool.Problems[index++] is { } problem)
            {
                yield return Outcome.Error(sample, problem);
                continue;
            }

            var c = candidate++;
            if (scores[c] is not { } score)
            {
                yield return Outcome.Error(sample.WithMeta("detail", $"the response lies beyond max_length ({_options.MaxLength} tokens)"), "no_response_tokens");
                continue;
            }

            var scored = sample.WithScore(ScoreName, score.Score).WithMeta("less_subtask", _targets.Subtasks[score.Subtask]);
            yield return !kept[c] ? Outcome.Drop(scored, "below_budget")
                : Outcome.KeepBecause(scored, pinned is not null && pinned[c] ? ReviewVerdicts.AcceptedReason : KeptReason);
        }
    }

    // Warm-up, features, scores: one per candidate (null: no feature).
    private async Task<(double Score, int Subtask)?[]> ScoreAsync(LessPool pool, Func<IAsyncEnumerable<Sample>> input, StepContext context, CancellationToken cancellationToken)
    {
        var random = DeterministicRandom.Create(context.RunSeed, "warmup", "select-less");
        var warmup = await pool.PickAsync(input, WarmupIndices(pool.Count, random), cancellationToken).ConfigureAwait(false);
        var settings = Settings(context.RunSeed);
        var store = new LessDatastore(_options.Datastore ?? Path.Combine(context.ScratchDirectory, "less-datastore"), LessDatastore.ComputeKey(settings, [pool.Digest]));
        var subtaskIndex = _targets.Subtasks.Select((name, j) => (name, j)).ToDictionary(p => p.name, p => p.j, StringComparer.Ordinal);
        var targets = _targets.Examples
            .Select(t => (_model.Example(LessPool.Prompt(t.Instruction, t.Input), t.Output), subtaskIndex[t.Subtask]))
            .ToList();
        var checkpoints = new List<LessWarmup.Checkpoint>();
        var run = new LessWarmup(_model, _options, store, settings, context.Progress);
        await foreach (var checkpoint in run.RunAsync(pool, input, warmup, targets, _targets.Subtasks.Count, random, cancellationToken).ConfigureAwait(false))
        {
            checkpoints.Add(checkpoint);
        }

        if (run.Restored)
        {
            context.Note($"step '{context.StepName}': LESS warm-up restored from the datastore ({checkpoints.Count} checkpoints' adapters in {store.Folder}); no training, only the targets' gradients taken");
        }

        var weights = LessScorer.CheckpointWeights([.. checkpoints.Select(c => c.MeanLearningRate)]);
        var scorer = new LessScorer(pool.Count, _targets.Subtasks.Count);
        foreach (var (checkpoint, weight) in checkpoints.Zip(weights))
        {
            scorer.BeginCheckpoint(weight, checkpoint.Means);
            await store.ReadIntoAsync(checkpoint.Number, _options.ProjectionDimension, scorer, cancellationToken).ConfigureAwait(false);
        }

        return scorer.Scores();
    }

    // The reference's np.random.permutation(N)[:int(fraction · N)], with at least one record to train on.
    private HashSet<int> WarmupIndices(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        LessWarmup.Shuffle(order, random);
        return [.. order.Take(Math.Max(1, (int)Math.Floor(_options.WarmupFraction * count)))];
    }

    /// <summary>
    /// The kept flag of each candidate: the pinned scored ones, then the top of (score desc, input
    /// order) up to the budget (<paramref name="keep"/>, or <paramref name="keepFraction"/> of the scored candidates).
    /// </summary>
    internal static bool[] Select((double Score, int Subtask)?[] scores, int? keep, double keepFraction, IReadOnlyList<bool>? pinned)
    {
        var ranked = Enumerable.Range(0, scores.Length).Where(i => scores[i] is not null)
            .OrderByDescending(i => scores[i]!.Value.Score).ThenBy(i => i).ToList();
        var budget = keep ?? (int)Math.Floor(keepFraction * ranked.Count);
        var kept = new bool[scores.Length];
        var pins = ranked.Where(i => pinned is not null && pinned[i]).ToList();
        foreach (var i in pins.Concat(ranked.Except(pins).Take(Math.Max(0, budget - pins.Count))))
        {
            kept[i] = true;
        }

        return kept;
    }

    // Which candidates a reviewer accepted (a pass over the input, made only when the run has accepts).
    private static async Task<bool[]> PinnedAsync(LessPool pool, Func<IAsyncEnumerable<Sample>> input, StepContext context, CancellationToken cancellationToken)
    {
        var pinned = new List<bool>(pool.Count);
        var index = 0;
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (pool.Problems[index++] is null)
            {
                pinned.Add(context.IsPinned(sample.Id));
            }
        }

        return [.. pinned];
    }

    // Everything besides the pool that decides the candidates' features (the datastore key hashes it).
    private string Settings(long runSeed) => string.Join('\n',
        $"model={_model.Identity}",
        $"seed={runSeed}",
        string.Create(CultureInfo.InvariantCulture, $"warmup_fraction={_options.WarmupFraction:R}"),
        $"epochs={_options.Epochs}",
        string.Create(CultureInfo.InvariantCulture, $"learning_rate={_options.LearningRate:R}"),
        $"lora_rank={_options.LoraRank}",
        string.Create(CultureInfo.InvariantCulture, $"lora_alpha={_options.LoraAlpha:R}"),
        $"lora_targets={string.Join(',', _options.EffectiveLoraTargets)}",
        $"batch_size={_options.BatchSize}",
        $"max_length={_options.MaxLength}",
        $"projection_dim={_options.ProjectionDimension}",
        "projection_seed=0",
        $"preconditioning={_options.Preconditioning}");
}
