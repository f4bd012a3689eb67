namespace DataForge.Core.Engine;

/// <summary>The end of a run: per-step counters and the reject lanes, in step order.</summary>
/// <param name="Stats">Counters per step, in plan order.</param>
/// <param name="RejectLanes">Spill files of rejected records, one per step that rejected anything, in plan order.</param>
public sealed record EngineResult(IReadOnlyList<StepStats> Stats, IReadOnlyList<string> RejectLanes);
