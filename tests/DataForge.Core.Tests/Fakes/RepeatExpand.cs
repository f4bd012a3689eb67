using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>Emits <c>count</c> children per record, with ids <c>parent/k</c>, after a record-dependent delay.</summary>
internal sealed class RepeatExpand(int count) : ExpandStep
{
    public override StepContract Contract { get; } = new([], ["id", "parent_id"], []);

    protected override async IAsyncEnumerable<Outcome> ExpandAsync(Sample sample, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var k = 0; k < count; k++)
        {
            await Task.Delay((int)(Convert.ToUInt32(sample.Id[..4], 16) % 3), cancellationToken);
            yield return Outcome.Keep(sample with { Id = $"{sample.Id}/{k}", ParentId = sample.Id });
        }
    }
}
