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

    /// <summary>Processes the complete input stream.</summary>
    public abstract IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, CancellationToken cancellationToken);
}
