using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A filter that drops with a reason its contract does not declare.</summary>
internal sealed class UndeclaredReasonFilter : FilterStep
{
    public override StepContract Contract { get; } = StepContract.Filter([], ["declared"]);

    protected override Verdict Keep(Sample sample, StepContext context)
        => TestSamples.IndexOf(sample) % 2 == 0 ? Verdict.Keep : Verdict.Drop("undeclared");
}
