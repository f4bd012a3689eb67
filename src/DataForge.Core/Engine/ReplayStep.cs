using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// A record-phase step of a merge: what the partitions' runs of it produced, replayed instead of running
/// it again. Its kept records go on to the global steps; its rejects fill its reject lane; its counters are
/// the partitions' sums. Both streams come in single-machine order (the partitions merged by order key).
/// </summary>
/// <param name="Replaced">The step it stands for (its role decides how the records' step names were stamped).</param>
/// <param name="Received">Records the step received, over all partitions.</param>
/// <param name="Emitted">Records it kept, over all partitions.</param>
/// <param name="Kept">Its kept records, when a global step reads them (null: only <paramref name="Emitted"/> is counted).</param>
/// <param name="Rejected">Its rejects.</param>
public sealed class ReplayStep(Step Replaced, long Received, long Emitted, Func<CancellationToken, IAsyncEnumerable<Sample>>? Kept, Func<CancellationToken, IAsyncEnumerable<Sample>> Rejected) : Step
{
    /// <inheritdoc/>
    public override StepRole Role => StepRole.Source;

    /// <inheritdoc/>
    public override StepContract Contract => Replaced.Contract;

    /// <summary>The step it stands for.</summary>
    public Step Replaced { get; } = Replaced;

    /// <summary>Records the step received, over all partitions.</summary>
    public long Received { get; } = Received;

    /// <summary>Records it kept, over all partitions.</summary>
    public long Emitted { get; } = Emitted;

    /// <summary>Its kept records, in order, when a global step reads them.</summary>
    public Func<CancellationToken, IAsyncEnumerable<Sample>>? Kept { get; } = Kept;

    /// <summary>Its rejects, in order.</summary>
    public Func<CancellationToken, IAsyncEnumerable<Sample>> Rejected { get; } = Rejected;
}
