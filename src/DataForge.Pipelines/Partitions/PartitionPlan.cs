using DataForge.Core.Engine;
using DataForge.Core.Steps;

namespace DataForge.Pipelines.Partitions;

/// <summary>
/// Which steps of a pipeline run on each partition (the record phase) and which run once in the merge
/// (the global phase). A step is record-phase when its own <see cref="Step.Phase"/> says so and every
/// step it reads is record-phase too; everything downstream of a global step is global. The boundary
/// steps are the record-phase steps a global step reads: their kept records travel to the merge.
/// </summary>
public sealed class PartitionPlan
{
    private readonly HashSet<string> _record;

    private PartitionPlan(IReadOnlyList<GraphNode> nodes)
    {
        _record = new HashSet<string>(StringComparer.Ordinal);
        // Inputs may name later steps of the plan: settle by repeating until nothing changes.
        bool changed;
        do
        {
            changed = false;
            foreach (var node in nodes)
            {
                if (!_record.Contains(node.Name) && node.Step.Phase == StepPhase.Record && node.Inputs.All(_record.Contains))
                {
                    changed = _record.Add(node.Name);
                }
            }
        }
        while (changed);
        Steps = [.. nodes.Select(n => (n.Name, _record.Contains(n.Name) ? StepPhase.Record : StepPhase.Global))];
        Boundary = [.. nodes.Where(n => _record.Contains(n.Name) && nodes.Any(c => !_record.Contains(c.Name) && c.Inputs.Contains(n.Name, StringComparer.Ordinal))).Select(n => n.Name)];
    }

    /// <summary>Every step with its phase, in plan order.</summary>
    public IReadOnlyList<(string Step, StepPhase Phase)> Steps { get; }

    /// <summary>The record-phase steps a global step reads, in plan order.</summary>
    public IReadOnlyList<string> Boundary { get; }

    /// <summary>The plan of <paramref name="nodes"/>.</summary>
    public static PartitionPlan Of(IReadOnlyList<GraphNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return new PartitionPlan(nodes);
    }

    /// <summary>True for a step that runs on each partition.</summary>
    public bool IsRecordPhase(string step) => _record.Contains(step);

    /// <summary>One line: which steps run where.</summary>
    public string Describe()
    {
        var record = Steps.Where(s => s.Phase == StepPhase.Record).Select(s => s.Step).ToList();
        var global = Steps.Where(s => s.Phase == StepPhase.Global).Select(s => s.Step).ToList();
        return $"on each partition: {(record.Count == 0 ? "nothing" : string.Join(", ", record))}; in the merge: {(global.Count == 0 ? "nothing" : string.Join(", ", global))}";
    }
}
