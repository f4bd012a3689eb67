using System.Globalization;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A map that is not deterministic: it stamps a counter shared by every instance.</summary>
internal sealed class SharedCounterMap : MapStep
{
    private static int s_counter;

    public override StepContract Contract { get; } = new([], ["meta"], []);

    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(Outcome.Keep(sample.WithMeta("n", Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture))));
}
