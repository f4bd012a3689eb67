using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A map that throws <see cref="InvalidDataException"/> on the record with the given index.</summary>
internal sealed class ThrowingMap(int failAt) : MapStep
{
    public override StepContract Contract { get; } = new([], [], []);

    protected override async ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return TestSamples.IndexOf(sample) == failAt ? throw new InvalidDataException($"boom at {failAt}") : Outcome.Keep(sample);
    }
}
