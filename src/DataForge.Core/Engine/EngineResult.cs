using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>The end of a run: per-step counters, the reject lanes and what the sinks wrote.</summary>
/// <param name="Stats">Counters per step, in plan order.</param>
/// <param name="RejectLanes">Spill files of rejected records, one per step that rejected anything, in plan order.</param>
/// <param name="Sinks">What each sink step wrote, in plan order.</param>
/// <param name="Rejects">What the reject sink wrote (every reject lane, in plan order); null when the run has no reject sink.</param>
/// <param name="LaneOfStep">Per step, in plan order: its reject lane's spill file, or null when it rejected nothing.</param>
public sealed record EngineResult(IReadOnlyList<StepStats> Stats, IReadOnlyList<string> RejectLanes, IReadOnlyList<SinkResult> Sinks, SinkResult? Rejects, IReadOnlyList<string?> LaneOfStep);
