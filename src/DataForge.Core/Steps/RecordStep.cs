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

    /// <summary>
    /// What, besides the record, the options and the models, decides this record's result and is
    /// known only once the run has started — the name, version and rule set of the external tool
    /// the record goes to (a linter) — so a new tool version never replays old results. Added to the
    /// record's cache key when not empty; asked only when the result cache is on.
    /// </summary>
    public virtual ValueTask<string> RecordIdentityAsync(Sample sample, CancellationToken cancellationToken) => ValueTask.FromResult(string.Empty);

    /// <summary>Runs the algorithm on one record.</summary>
    internal abstract ValueTask<IReadOnlyList<Outcome>> ProcessAsync(Sample sample, StepContext context, CancellationToken cancellationToken);
}
