namespace DataForge.Core.Steps;

/// <summary>
/// Base of every step. Steps derive from one of the role bases (<see cref="SourceStep"/>,
/// <see cref="MapStep"/>, <see cref="ExpandStep"/>, <see cref="FilterStep"/>,
/// <see cref="BarrierStep"/>, <see cref="SinkStep"/>); the engine owns the Dataflow wiring,
/// statistics, cancellation and reject routing, the step owns only its algorithm.
/// </summary>
public abstract class Step
{
    private protected Step()
    {
    }

    /// <summary>The role, which decides the wiring.</summary>
    public abstract StepRole Role { get; }

    /// <summary>Fields read, fields produced, drop reasons used.</summary>
    public abstract StepContract Contract { get; }

    /// <summary>
    /// The step's behaviour version. It goes into every cache key of the step's results; raise it
    /// whenever the step's behaviour changes (a built-in prompt included), so stale cached results
    /// are not reused. The engine adds everything else that determines a result by itself: the step
    /// type, its resolved options, the identity of every model and the content of every file the
    /// step obtained from its build context, the run seed and the input record(s).
    /// </summary>
    public virtual int Version => 1;

    /// <summary>
    /// The most records this step may work on at once, whatever the configuration says
    /// (1 for steps that keep state across records, such as streaming dedup). Null: as configured.
    /// </summary>
    public virtual int? MaxParallelism => null;

    /// <summary>
    /// True for selection steps (keep a budget of scored records): the engine then records every
    /// record's scores before and after the step, and the manifest summarises both.
    /// </summary>
    public virtual bool IsSelection => false;

    /// <summary>
    /// Whether the step can run on a partition of the records (<see cref="StepPhase.Record"/>: its result
    /// for a record depends on that record alone) or needs the whole stream (<see cref="StepPhase.Global"/>).
    /// By default sources and per-record steps are record-phase, except those limited to one record at
    /// a time (they keep state across records); barriers and sinks are global.
    /// </summary>
    public virtual StepPhase Phase => Role switch
    {
        StepRole.Source => StepPhase.Record,
        StepRole.Map or StepRole.Expand or StepRole.Filter or StepRole.Batched => MaxParallelism == 1 ? StepPhase.Global : StepPhase.Record,
        _ => StepPhase.Global,
    };
}
