using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>
/// Needs the whole stream before it can emit (clustering, top-k selection). The engine spills the
/// input to disk and hands it back as a stream, so the step holds only what its algorithm needs.
/// </summary>
public abstract class BarrierStep : Step
{
    /// <inheritdoc/>
    public sealed override StepRole Role => StepRole.Barrier;

    /// <summary>
    /// True when the step's whole result is worth caching in the run store, keyed by the step's
    /// type, version, options, the run seed and the complete input stream (in order): a rerun on the
    /// same input replays the outcomes without running the step (no model request, no training).
    /// The outcomes are held in memory once to be stored, so keep it off for steps whose output is
    /// far larger than memory.
    /// </summary>
    public virtual bool Cacheable => false;

    /// <summary>Processes the complete input stream.</summary>
    public abstract IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, CancellationToken cancellationToken);
}
