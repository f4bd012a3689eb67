using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Testing;

/// <summary>A sink that keeps every record it receives, in stream order (for tests).</summary>
public sealed class CollectingSink : SinkStep
{
    private readonly List<Sample> _samples = [];

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new([], [], []);

    /// <summary>The records received so far, in the order received.</summary>
    public IReadOnlyList<Sample> Samples => _samples;

    /// <summary>True once the engine has called <see cref="CompleteAsync"/>.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc/>
    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The engine calls a sink from one thread at a time, in stream order: no lock needed.
        _samples.Add(sample);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
    {
        Completed = true;
        return ValueTask.FromResult(SinkResult.Empty);
    }
}
