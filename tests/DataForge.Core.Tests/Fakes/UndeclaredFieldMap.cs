using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A map that changes <c>output</c> while its contract declares only <c>meta</c>.</summary>
internal sealed class UndeclaredFieldMap : MapStep
{
    public override StepContract Contract { get; } = new([], ["meta"], []);

    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(Outcome.Keep(sample with { Output = sample.Output + "!" }));
}
