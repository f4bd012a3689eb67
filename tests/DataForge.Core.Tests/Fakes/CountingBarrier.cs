using System.Globalization;
using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A barrier that counts the whole input, then emits it in reverse with the count in meta <c>seen</c>.</summary>
internal sealed class CountingBarrier : BarrierStep
{
    public override StepContract Contract { get; } = new([], ["meta"], []);

    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = new List<Sample>();
        await foreach (var sample in input().WithCancellation(cancellationToken))
        {
            all.Add(sample);
        }

        var seen = all.Count.ToString(CultureInfo.InvariantCulture);
        for (var i = all.Count - 1; i >= 0; i--)
        {
            yield return Outcome.Keep(all[i].WithMeta("seen", seen));
        }
    }
}
