using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>One record in, any number of records and rejects out (evolution rounds, edit sequences).</summary>
public abstract class ExpandStep : RecordStep
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Expand;

    /// <summary>Expands one record.</summary>
    protected abstract IAsyncEnumerable<Outcome> ExpandAsync(Sample sample, StepContext context, CancellationToken cancellationToken);

    internal sealed override async ValueTask<IReadOnlyList<Outcome>> ProcessAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        await foreach (var outcome in ExpandAsync(sample, context, cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }
}
