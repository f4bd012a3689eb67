using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>Consumes records (writers). Called by one thread, in stream order.</summary>
public abstract class SinkStep : Step
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Sink;

    /// <summary>Consumes one record.</summary>
    public abstract ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken);

    /// <summary>Called once after the last record.</summary>
    public virtual ValueTask CompleteAsync(StepContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
