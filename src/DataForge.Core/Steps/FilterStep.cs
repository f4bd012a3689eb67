using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>One record in, kept unchanged or dropped with a reason.</summary>
public abstract class FilterStep : RecordStep
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Filter;

    /// <summary>Decides whether the record goes on.</summary>
    protected abstract Verdict Keep(Sample sample, StepContext context);

    internal sealed override ValueTask<IReadOnlyList<Outcome>> ProcessAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<Outcome>>([new Outcome(sample, Keep(sample, context))]);
    }
}
