using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Keeps a deterministic random share of the records.</summary>
/// <remarks>
/// Input fields: id. Output fields: none. Drop reasons: <c>not_sampled</c>.
/// Options: see <see cref="SampleFilterOptions"/>. Each record's draw comes from (run seed, record id, step name), so
/// the same seed keeps the same records whatever the order or parallelism; a new seed keeps others.
/// </remarks>
public sealed class SampleFilter : FilterStep
{
    private readonly double _fraction;

    /// <summary>Creates the filter.</summary>
    public SampleFilter(SampleFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _fraction = options.Fraction;
    }

    /// <summary>The <c>sample</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<SampleFilter, SampleFilterOptions>(
        "sample",
        "Keeps a deterministic random share of the records.",
        StepContract.Filter(["id"], ["not_sampled"]),
        (options, _) => new SampleFilter(options));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    protected override Verdict Keep(Sample sample, StepContext context)
        => context.RandomFor(sample.Id).NextDouble() < _fraction ? Verdict.Keep : Verdict.Drop("not_sampled");
}

/// <summary>Options of <see cref="SampleFilter"/>.</summary>
public sealed record SampleFilterOptions
{
    /// <summary>The defaults.</summary>
    public static SampleFilterOptions Default { get; } = new();

    /// <summary>The share of records kept, each decided by the record's own seeded generator.</summary>
    [Option("fraction", "share of records kept", Min = 0, Max = 1)] public double Fraction { get; init; } = 0.5;
}
