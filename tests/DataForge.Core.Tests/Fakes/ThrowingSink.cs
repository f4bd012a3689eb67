using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>A sink that throws <see cref="InvalidDataException"/> on the record with the given index.</summary>
internal sealed class ThrowingSink(int failAt) : SinkStep
{
    public override StepContract Contract { get; } = new([], [], []);

    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => TestSamples.IndexOf(sample) == failAt ? throw new InvalidDataException($"sink boom at {failAt}") : ValueTask.CompletedTask;
}
