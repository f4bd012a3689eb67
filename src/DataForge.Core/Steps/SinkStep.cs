using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>Consumes records (writers). Called by one thread, in stream order.</summary>
public abstract class SinkStep : Step
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Sink;

    /// <summary>Consumes one record.</summary>
    public abstract ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken);

    /// <summary>Called once after the last record; returns what the sink wrote (the engine collects it into its result).</summary>
    public virtual ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken) => ValueTask.FromResult(SinkResult.Empty);
}
