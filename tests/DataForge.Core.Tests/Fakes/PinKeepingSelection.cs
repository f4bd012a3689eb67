using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A cached selection that keeps exactly the pinned records and counts how often it really ran.</summary>
internal sealed class PinKeepingSelection : BarrierStep
{
    private int _runs;

    public int Runs => _runs;

    public override StepContract Contract { get; } = new([], ["reason"], ["not_pinned"]);

    public override bool Cacheable => true;

    public override bool IsSelection => true;

    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        await foreach (var sample in input().WithCancellation(cancellationToken))
        {
            yield return context.IsPinned(sample.Id) ? Outcome.KeepBecause(sample, ReviewVerdicts.AcceptedReason) : Outcome.Drop(sample, "not_pinned");
        }
    }
}
