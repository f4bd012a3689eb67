using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A filter whose verdict is a function of the record.</summary>
internal sealed class PredicateFilter(Func<Sample, Verdict> decide, params string[] reasons) : FilterStep
{
    public override StepContract Contract { get; } = StepContract.Filter([], reasons);

    protected override Verdict Keep(Sample sample, StepContext context) => decide(sample);
}
