namespace DataForge.Core.Steps;

/// <summary>Produces records from outside the pipeline (files); bad input comes out as error outcomes.</summary>
public abstract class SourceStep : Step
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Source;

    /// <summary>Reads every record, in a deterministic order.</summary>
    public abstract IAsyncEnumerable<Outcome> ReadAsync(StepContext context, CancellationToken cancellationToken);
}
