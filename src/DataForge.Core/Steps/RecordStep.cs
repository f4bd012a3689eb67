using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>Common base of the per-record roles (map, expand, filter). Only Core derives from it directly.</summary>
public abstract class RecordStep : Step
{
    private protected RecordStep()
    {
    }

    /// <summary>
    /// True when the step's results are worth caching in the run store, keyed by the step's type,
    /// version, options and the input record: a rerun then skips records already done.
    /// </summary>
    public virtual bool Cacheable => false;

    /// <summary>Runs the algorithm on one record.</summary>
    internal abstract ValueTask<IReadOnlyList<Outcome>> ProcessAsync(Sample sample, StepContext context, CancellationToken cancellationToken);
}
