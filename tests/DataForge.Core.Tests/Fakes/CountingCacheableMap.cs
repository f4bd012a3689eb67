using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A cacheable map that counts its computations; tags records and drops every third as <c>third</c>.</summary>
internal sealed class CountingCacheableMap : MapStep
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override StepContract Contract { get; } = new([], ["meta"], ["third"]);

    public override bool Cacheable => true;

    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var tagged = sample.WithMeta("computed", "yes");
        return ValueTask.FromResult(TestSamples.IndexOf(sample) % 3 == 2 ? Outcome.Drop(tagged, "third", raw: "raw text") : Outcome.Keep(tagged));
    }
}
