using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>One record in, one record (or one reject) out.</summary>
public abstract class MapStep : RecordStep
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Map;

    /// <summary>Transforms one record.</summary>
    protected abstract ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken);

    internal sealed override async ValueTask<IReadOnlyList<Outcome>> ProcessAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => [await MapAsync(sample, context, cancellationToken).ConfigureAwait(false)];
}
