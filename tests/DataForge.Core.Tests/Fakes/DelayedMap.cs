using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A map whose work time varies per record (a delay fixed by the record's id); tags the record.</summary>
internal sealed class DelayedMap(string tag = "mapped", int maxDelayMs = 8) : MapStep
{
    public override StepContract Contract { get; } = new([], ["meta"], []);

    protected override async ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        var delay = maxDelayMs == 0 ? 0 : (int)(Convert.ToUInt32(sample.Id[..8], 16) % (uint)maxDelayMs);
        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken);
        }

        return Outcome.Keep(sample.WithMeta("via", tag));
    }
}
