namespace DataForge.Core.Steps;

/// <summary>Where a step runs when a pipeline is split into partitions (docs/scaling.md).</summary>
public enum StepPhase
{
    /// <summary>On each partition of the records: the step's outcome for a record depends on that record alone.</summary>
    Record,

    /// <summary>Once, in the merge, over the union of the partitions: the step needs the whole stream.</summary>
    Global,
}
