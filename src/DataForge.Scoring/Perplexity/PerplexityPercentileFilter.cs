using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Perplexity;

/// <summary>
/// The <c>perplexity-filter</c> with <c>max_percentile</c>: scores every record (in batches), then
/// drops those above that percentile of the run's perplexities (linear interpolation between the
/// nearest ranks, as numpy's default; records without a value do not count). A barrier: it must see
/// every record before it can decide; its whole result is cached.
/// </summary>
public sealed class PerplexityPercentileFilter : BarrierStep
{
    private readonly PerplexityScorer _scorer;
    private readonly PerplexityOptions _options;

    /// <summary>Creates the filter.</summary>
    public PerplexityPercentileFilter(PerplexityScorer scorer, PerplexityOptions options)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _scorer = scorer;
        _options = options;
    }

    /// <summary>2: an edit sequence is scored on its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>), not its final program.</summary>
    public override int Version => 2;

    /// <inheritdoc/>
    public override StepContract Contract => PerplexityFilter.Definition.Contract;

    /// <inheritdoc/>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = new List<PerplexityValue>();
        var chunk = new List<Sample>(_options.BatchRecords);
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(sample);
            if (chunk.Count == _options.BatchRecords)
            {
                values.AddRange(await _scorer.ScoreAsync(chunk, cancellationToken).ConfigureAwait(false));
                chunk.Clear();
            }
        }

        values.AddRange(await _scorer.ScoreAsync(chunk, cancellationToken).ConfigureAwait(false));
        var bound = Percentile([.. values.Where(v => v.IsValid).Select(v => v.Value)], _options.MaxPercentile!.Value);
        var index = 0;
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return PerplexityFilter.Decide(sample, values[index++], _options, bound);
        }
    }

    /// <summary>The <paramref name="percentile"/> (0–100) of <paramref name="values"/> by linear interpolation; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}
