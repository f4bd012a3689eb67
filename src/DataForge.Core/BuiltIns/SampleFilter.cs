using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Keeps a deterministic random share of the records.</summary>
/// <remarks>
/// Input fields: id. Output fields: none. Drop reasons: <c>not_sampled</c>.
/// Options: <c>fraction</c> (0.5). Each record's draw comes from (run seed, record id, step name), so
/// the same seed keeps the same records whatever the order or parallelism; a new seed keeps others.
/// </remarks>
public sealed class SampleFilter : FilterStep
{
    private readonly double _fraction;

    /// <summary>Creates the filter.</summary>
    public SampleFilter(SampleFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fraction = options.Fraction;
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = StepContract.Filter(["id"], ["not_sampled"]);

    /// <inheritdoc/>
    protected override Verdict Keep(Sample sample, StepContext context)
        => context.RandomFor(sample.Id).NextDouble() < _fraction ? Verdict.Keep : Verdict.Drop("not_sampled");
}
