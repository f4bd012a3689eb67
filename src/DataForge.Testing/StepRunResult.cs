using DataForge.Core.Engine;
using DataForge.Core.Records;

namespace DataForge.Testing;

/// <summary>What one <see cref="StepHarness"/> run of a step gave.</summary>
/// <param name="Outputs">Records that reached the sink, in stream order.</param>
/// <param name="Rejects">Records the step rejected, read back from its reject lane, in order.</param>
/// <param name="Stats">The step's counters.</param>
public sealed record StepRunResult(IReadOnlyList<Sample> Outputs, IReadOnlyList<Sample> Rejects, StepStats Stats);
