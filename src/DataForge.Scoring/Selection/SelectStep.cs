using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Selection;

/// <summary>
/// Keeps a budget of records by a stored score or a linear combination of scores: top-k, top
/// share, thresholds, per-source quotas. Every record gets its verdict and reason.
/// </summary>
/// <remarks>
/// <para>Order of decisions: a record without every named score (or with a non-finite one) is
/// dropped as <c>missing_score</c>; values outside <c>min</c> / <c>max</c> are dropped as
/// <c>below_threshold</c> / <c>above_threshold</c>; the rest are ranked (value, then input order)
/// and taken while the budget (<c>top_k</c>, or <c>top_fraction</c> of the records with a value,
/// rounded down as the references do) and the record's source quota allow; the others are dropped as
/// <c>below_budget</c> or <c>over_source_quota</c>. Kept records carry the reason
/// <c>kept_top_{score}</c> (a budget) or <c>kept_threshold_{score}</c> (thresholds only), where
/// <c>{score}</c> is the score's name, or <c>score</c> for a combination. Records leave in input order.</para>
/// <para>Records a reviewer accepted (docs/verdicts.md) are kept before anything else, with the reason
/// <c>kept_reviewer_accepted</c>, whatever their score: they take budget slots (and their source's
/// quota) first, and the ranking fills what they leave.</para>
/// <para>The input is read twice (values first, then records), so memory holds one number per
/// record, not the records. The manifest gets the score distributions before and after the step.</para>
/// </remarks>
public sealed class SelectStep : BarrierStep
{
    private readonly SelectOptions _options;
    private readonly ScoreFormula _formula;
    private readonly IReadOnlyDictionary<string, int> _quotas;
    private readonly string _label;

    /// <summary>Creates the step.</summary>
    /// <exception cref="ArgumentException">The score does not parse, neither a budget nor a threshold is set, both budgets are, or a quota is malformed.</exception>
    public SelectStep(SelectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _options = options;
        _formula = ScoreFormula.Parse(options.Score);
        _quotas = options.Quotas();
        _label = _formula.IsSingleScore ? _formula.Names[0] : "score";
    }

    /// <summary>Every drop reason.</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["missing_score", "below_threshold", "above_threshold", "below_budget", "over_source_quota"];

    /// <summary>The <c>select</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<SelectStep, SelectOptions>(
        "select",
        "Keeps a budget of records by a stored score or a linear combination of scores (top-k, top share, thresholds, per-source quotas).",
        new(["scores", "source"], ["reason"], Reasons),
        (options, _) => new SelectStep(options));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override bool IsSelection => true;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var values = new List<double?>();
        var sources = new List<string>();
        var pinned = new List<bool>();
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            values.Add(_formula.Evaluate(sample.Scores));
            sources.Add(sample.Source ?? "");
            pinned.Add(context.IsPinned(sample.Id));
        }

        var verdicts = Decide(values, sources, pinned);
        var index = 0;
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var reason = verdicts[index++];
            yield return reason.StartsWith("kept_", StringComparison.Ordinal)
                ? Outcome.KeepBecause(sample, reason)
                : Outcome.Drop(sample, reason);
        }
    }

    /// <summary>The reason of every record (<c>kept_...</c> or a drop reason), in input order.</summary>
    public string[] Decide(IReadOnlyList<double?> values, IReadOnlyList<string> sources) => Decide(values, sources, null);

    /// <summary>
    /// The reason of every record (<c>kept_...</c> or a drop reason), in input order; the records
    /// <paramref name="pinned"/> marks are kept as <see cref="ReviewVerdicts.AcceptedReason"/> and take budget slots first.
    /// </summary>
    public string[] Decide(IReadOnlyList<double?> values, IReadOnlyList<string> sources, IReadOnlyList<bool>? pinned)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(sources);
        var reasons = new string[values.Count];
        var candidates = new List<int>();
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        var (scored, taken) = (0, 0);
        for (var i = 0; i < values.Count; i++)
        {
            if (pinned is not null && pinned[i])
            {
                reasons[i] = ReviewVerdicts.AcceptedReason;
                scored += values[i] is null ? 0 : 1;
                perSource[sources[i]] = perSource.GetValueOrDefault(sources[i]) + 1;
                taken++;
                continue;
            }

            if (values[i] is not { } value)
            {
                reasons[i] = "missing_score";
                continue;
            }

            scored++;
            if (_options.Min is { } min && value < min)
            {
                reasons[i] = "below_threshold";
            }
            else if (_options.Max is { } max && value > max)
            {
                reasons[i] = "above_threshold";
            }
            else
            {
                candidates.Add(i);
            }
        }

        var budget = _options.TopK ?? (_options.TopFraction is { } share ? (int)Math.Floor(share * scored) : int.MaxValue);
        var kept = budget == int.MaxValue ? $"kept_threshold_{_label}" : $"kept_top_{_label}";

        candidates.Sort((a, b) =>
        {
            var byValue = values[a]!.Value.CompareTo(values[b]!.Value);
            return byValue != 0 ? (_options.Order == SelectOrder.Desc ? -byValue : byValue) : a.CompareTo(b);
        });
        foreach (var i in candidates)
        {
            if (taken >= budget)
            {
                reasons[i] = "below_budget";
                continue;
            }

            var used = perSource.GetValueOrDefault(sources[i]);
            if (Quota(sources[i]) is { } quota && used >= quota)
            {
                reasons[i] = "over_source_quota";
                continue;
            }

            perSource[sources[i]] = used + 1;
            taken++;
            reasons[i] = kept;
        }

        return reasons;
    }

    private int? Quota(string source)
        => _quotas.TryGetValue(source, out var quota) ? quota
            : _quotas.TryGetValue("*", out var other) ? other : null;
}
