using System.Globalization;
using System.Runtime.CompilerServices;
using DataForge.Core.Diagnostics;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Scoring.S2l;

/// <summary>
/// S2L (SmallToLarge) data selection (docs/algorithms.md#s2l): trains a small proxy on the pool, records
/// each record's response loss at T checkpoints, clusters the loss trajectories with k-means and keeps
/// a budget spread evenly over the clusters, smallest first.
/// </summary>
/// <remarks>
/// <para>Proxy training: each record becomes the proxy's training example for
/// <c>instruction</c> (plus <c>"\n" + input</c> when present) answered by <c>output</c>, in the proxy's
/// chat format (the reference uses the Alpaca template). A fresh copy of the proxy's base weights is
/// trained for <c>epochs</c> epochs in a seeded shuffled order, in batches of <c>batch_size</c>, AdamW
/// with 3% warm-up and cosine decay to zero; the mean response loss of every record is recorded at T
/// checkpoints spaced evenly over the whole run (the reference keeps the last 12 of checkpoints saved
/// every 500 steps, which a small pool never reaches; see <see cref="S2lSelectorOptions"/>).</para>
/// <para>Selection (the balanced allocation): with <c>stratify</c> on, the budget is first split over sources
/// (<c>origin</c>, the <c>read</c> step a record came from), smallest first, each taking
/// <c>min(size, ⌊B_k / (S − k)⌋)</c>; a source within its share is kept whole. Each source is
/// clustered with k-means (K clamped to its distinct trajectories); a source sampled below its size
/// sets aside clusters of at most two records, gives the others the same balanced allocation (uniform
/// draws without replacement) and fills what they leave from the set-aside records. When the pool is
/// smaller than the budget everything is kept and every record carries <c>meta.s2l_shortfall</c>.</para>
/// <para>Input fields: instruction, input, output (an edit sequence: its <c>&lt;|diff|&gt;</c> edit text from edits), origin. Output fields: scores (<c>s2l_cluster</c>:
/// the cluster id, unique across sources), meta: <c>s2l_trajectory</c> (the losses, a JSON array rounded
/// to 6 decimals), <c>s2l_proxy</c> (the proxy's identity), <c>s2l_shortfall</c> (only when the budget
/// could not be met). Every record is emitted once, in input order: kept with reason <c>kept_s2l</c>, or
/// dropped.</para>
/// <para>Drop reasons: <c>below_budget</c>; error: <c>no_output</c> (nothing to train on).</para>
/// <para>Records a reviewer accepted (docs/verdicts.md) are trained on like the others and kept with the
/// reason <c>kept_reviewer_accepted</c>; they take budget slots first, and the balanced allocation
/// samples what they leave from the other records (a record without an output stays an error).</para>
/// <para>Options: see <see cref="S2lSelectorOptions"/>.</para>
/// <para>Reference versus paper: the stratification by source and the tiny-cluster set-aside are the
/// reference's code, not the paper's algorithm; both are followed (stratification can be turned off).
/// The reference draws with numpy's unseeded global generator and seeds faiss k-means with a constant;
/// here both come from the run seed (per source), so a run is reproducible. K-means uses k-means++
/// seeding and all rows (faiss: random seeding, at most 256 training rows per centroid); K is clamped
/// instead of failing; the tiny-cluster remainder takes what exists instead of failing.</para>
/// <para>Randomness and caching: the training order comes from (run seed, <c>s2l:training</c>, step),
/// each source's k-means and draws from (run seed, <c>s2l:stratum:NAME</c>, step). The whole result is
/// cached, so a rerun on the same input trains nothing.</para>
/// References: Yang et al., "SmallToLarge (S2L): Scalable Data Selection for Fine-tuning Large Language
/// Models by Summarizing Training Trajectories of Small Models" (arXiv 2403.07384);
/// github.com/BigML-CS-UCLA/S2L <c>schedules/s2l.py</c>, <c>get_trajectories.py</c>.
/// </remarks>
public sealed class S2lSelector : BarrierStep
{
    /// <summary>The reason kept records carry.</summary>
    public const string KeptReason = "kept_s2l";

    /// <summary>The drop reason of records outside the subset.</summary>
    public const string BelowBudget = "below_budget";

    /// <summary>The error of records without an output.</summary>
    public const string NoOutput = "no_output";

    /// <summary>The score holding the cluster id.</summary>
    public const string ClusterScore = "s2l_cluster";

    private readonly ITrainableModelSource _proxy;
    private readonly S2lSelectorOptions _options;

    /// <summary>Creates the step.</summary>
    /// <param name="proxy">The model trained as the proxy (a fresh copy each run).</param>
    /// <param name="options">The options; exactly one of budget and fraction must be set.</param>
    /// <exception cref="ArgumentException">A key is out of range, or budget and fraction are both set or both unset.</exception>
    public S2lSelector(ITrainableModelSource proxy, S2lSelectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _proxy = proxy;
        _options = options;
        Contract = new StepContract(
            options.Stratify ? ["instruction", "input", "output", "edits", "origin"] : ["instruction", "input", "output", "edits"],
            ["scores", "meta"],
            [BelowBudget, NoOutput]);
    }

    /// <summary>The <c>select-s2l</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<S2lSelector, S2lSelectorOptions>(
        "select-s2l",
        "S2L selection: trains a small proxy on the pool (an edit sequence on its <|diff|> edit text), clusters the records' loss trajectories with k-means and keeps a budget balanced over the clusters (and sources), smallest first.",
        new(["instruction", "input", "output", "edits", "origin"], ["scores", "meta"], [BelowBudget, NoOutput]),
        (options, context) => context.Model(options.Proxy) is ITrainableModelSource proxy
            ? new S2lSelector(proxy, options)
            : throw new DataForgeConfigException($"step '{context.StepName}': the proxy model '{options.Proxy}' cannot be trained; select-s2l needs a [models.{options.Proxy}] with backend torch or tiny"));

    /// <summary>Fields read (<c>origin</c> only with <c>stratify</c>), fields produced, drop reasons.</summary>
    public override StepContract Contract { get; }

    /// <summary>2: the user turn joins instruction and input with a blank line, as LESS and the embedded corpus; 3: an edit sequence trains on its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>).</summary>
    public override int Version => 3;

    /// <summary>Cached as a whole: a result costs a training run.</summary>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    public override bool IsSelection => true;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);

        // First pass: the pool, as training examples, and each record's stratum.
        var examples = new List<TrainingExample>();
        var strata = new List<string>();
        var pinned = new List<bool>();
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (HasOutput(sample))
            {
                examples.Add(_proxy.Example(TaskText.UserTurn(sample.Instruction, sample.Input), TrainingText.Answer(sample)!));
                strata.Add(_options.Stratify ? sample.Origin ?? "" : "");
                pinned.Add(context.IsPinned(sample.Id));
            }
        }

        double[][] trajectories = [];
        var selection = new S2lSelection([], [], 0);
        if (examples.Count > 0)
        {
            (trajectories, selection) = Select(examples, strata, pinned, context, cancellationToken);
        }

        // Second pass: one outcome per record, in input order.
        var row = 0;
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!HasOutput(sample))
            {
                yield return Outcome.Error(sample.WithMeta("detail", "the record has no output to train the proxy on"), NoOutput);
                continue;
            }

            var marked = Mark(sample, trajectories[row], selection.Clusters[row], selection.Shortfall);
            yield return !selection.Selected[row] ? Outcome.Drop(marked, BelowBudget)
                : Outcome.KeepBecause(marked, pinned[row] ? ReviewVerdicts.AcceptedReason : KeptReason);
            row++;
        }
    }

    private (double[][] Trajectories, S2lSelection Selection) Select(List<TrainingExample> examples, List<string> strata, List<bool> pinned, StepContext context, CancellationToken cancellationToken)
    {
        var trajectories = S2lProxyTraining.Record(_proxy, examples, _options, context.RandomFor("s2l:training"), cancellationToken, (done, total) => context.Progress("proxy training (steps)", done, total));
        cancellationToken.ThrowIfCancellationRequested();
        var budget = _options.BudgetFor(examples.Count);
        var selection = S2lSampler.Select(trajectories, strata, budget, _options.Clusters, name => context.RandomFor("s2l:stratum:" + name), pinned);
        return (trajectories, selection);
    }

    private Sample Mark(Sample sample, double[] trajectory, int cluster, int shortfall)
    {
        var marked = sample
            .WithScore(ClusterScore, cluster)
            .WithMetaJson("s2l_trajectory", TrajectoryJson(trajectory))
            .WithMeta("s2l_proxy", _proxy.Identity);
        return shortfall > 0 ? marked.WithMeta("s2l_shortfall", (long)shortfall) : marked;
    }

    private static bool HasOutput(Sample sample) => !string.IsNullOrEmpty(TrainingText.Answer(sample));

    private static string TrajectoryJson(double[] losses)
        => "[" + string.Join(',', losses.Select(l => Math.Round(l, 6).ToString("R", CultureInfo.InvariantCulture))) + "]";
}
