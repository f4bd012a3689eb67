using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Perplexity;

/// <summary>
/// Scores each record's perplexity under a model and drops records outside the bounds: by value
/// (<c>min</c>, <c>max</c>: a batched step, each record's score cached on its own) or above a
/// percentile of the run's perplexities (<c>max_percentile</c>: <see cref="PerplexityPercentileFilter"/>, a barrier).
/// </summary>
/// <remarks>
/// Perplexity = exp(mean negative log-likelihood per scored token). By default the output is scored
/// after the instruction and input (<c>instruction\ninput\n</c>, IC-IFD's plain form, no template):
/// an answer is judged as the answer to its question, as a fine-tuned model meets it; alone, a short
/// domain answer looks improbable for want of its context. <c>conditioned = false</c> scores the output
/// alone; <c>field = "instruction"</c> the instruction (and input) alone. An edit sequence's output is its
/// <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>), not its final program. Output fields:
/// <c>scores.perplexity</c> (no column of its own: it goes into <c>meta.scores</c> in shards),
/// <c>meta.perplexity_tokens</c>. Drop reasons: <c>perplexity_below_min</c>, <c>perplexity_above_max</c>,
/// <c>perplexity_above_percentile</c>, <c>empty_text</c>, <c>no_tokens</c>, <c>context_too_long</c>;
/// error: <c>request_rejected</c>.
/// </remarks>
public sealed class PerplexityFilter : BatchedStep
{
    private readonly PerplexityScorer _scorer;
    private readonly PerplexityOptions _options;

    /// <summary>Creates the by-value filter.</summary>
    public PerplexityFilter(PerplexityScorer scorer, PerplexityOptions options)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _scorer = scorer;
        _options = options;
    }

    /// <summary>Every reason a record may be dropped for (the error included).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        ["perplexity_below_min", "perplexity_above_max", "perplexity_above_percentile", "empty_text", "no_tokens", "context_too_long", "request_rejected"];

    /// <summary>The <c>perplexity-filter</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.CreateVariable<PerplexityOptions>(
        "perplexity-filter",
        StepRole.Batched,
        "Scores each record's perplexity under a model (the output after its instruction by default; an edit sequence's output is its <|diff|> edit text) and drops it outside min / max, or above a percentile of the run (max_percentile: a barrier).",
        new(["instruction", "input", "output", "edits"], ["scores", "meta"], Reasons),
        (options, context) => Create(options, new PerplexityScorer(context.Model(options.Model!), options)));

    /// <summary>2: an edit sequence is scored on its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>), not its final program.</summary>
    public override int Version => 2;

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override int BatchSize => _options.BatchRecords;

    /// <summary>The step the options ask for: this filter, or the percentile barrier when <c>max_percentile</c> is set.</summary>
    public static Step Create(PerplexityOptions options, PerplexityScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxPercentile is null ? new PerplexityFilter(scorer, options) : new PerplexityPercentileFilter(scorer, options);
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<Outcome>> ProcessBatchAsync(IReadOnlyList<Sample> batch, StepContext context, CancellationToken cancellationToken)
    {
        var values = await _scorer.ScoreAsync(batch, cancellationToken).ConfigureAwait(false);
        return [.. batch.Select((s, i) => Decide(s, values[i], _options, null))];
    }

    /// <summary>The outcome of one scored record under the bounds (and the percentile's value, when there is one).</summary>
    public static Outcome Decide(Sample sample, PerplexityValue value, PerplexityOptions options, double? percentileBound)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (!value.IsValid)
        {
            var refused = value.Detail is null ? sample : sample.WithMeta("detail", value.Detail);
            return value.Reason == "request_rejected" ? Outcome.Error(refused, value.Reason) : Outcome.Drop(refused, value.Reason!);
        }

        var scored = sample.WithScore("perplexity", value.Value).WithMeta("perplexity_tokens", (long)value.Tokens);
        return options.Min is { } min && value.Value < min ? Outcome.Drop(scored, "perplexity_below_min")
            : options.Max is { } max && value.Value > max ? Outcome.Drop(scored, "perplexity_above_max")
            : percentileBound is { } bound && value.Value > bound ? Outcome.Drop(scored, "perplexity_above_percentile")
            : Outcome.Keep(scored);
    }
}
