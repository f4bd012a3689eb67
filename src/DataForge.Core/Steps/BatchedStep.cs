using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>
/// One record in, one outcome out, with the records grouped into batches for a model (scoring). The
/// engine caches each record's outcome on its own, keyed as a record step's, and sends only the
/// records it has no result for to <see cref="ProcessBatchAsync"/>: a pool with one new record costs
/// one record's work. A record's outcome must not depend on which records share its batch.
/// </summary>
public abstract class BatchedStep : Step
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Batched;

    /// <summary>Most records handed to one <see cref="ProcessBatchAsync"/> call.</summary>
    public abstract int BatchSize { get; }

    /// <summary>True when each record's outcome is worth caching in the run store.</summary>
    public virtual bool Cacheable => true;

    /// <summary>Processes a batch: exactly one outcome per record, in the batch's order.</summary>
    public abstract ValueTask<IReadOnlyList<Outcome>> ProcessBatchAsync(IReadOnlyList<Sample> batch, StepContext context, CancellationToken cancellationToken);
}
