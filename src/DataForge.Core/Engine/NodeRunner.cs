using System.Threading.Tasks.Dataflow;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// One step at run time. A runner per role (source, record, batched, barrier, sink) owns the
/// step's blocks; every runner shares the same outcome router and the same cache helper.
/// </summary>
internal abstract class NodeRunner
{
    private readonly string _spillPrefix;

    protected NodeRunner(GraphNode node, int index, EngineEnvironment environment, bool cacheable = false)
    {
        Node = node;
        _spillPrefix = Path.Combine(environment.ScratchDirectory, $"{index:D3}-{node.Name}");
        Stats = new StepStats(node.Name);
        Context = new StepContext(node.Name, environment.RunSeed, environment.RunId, $"{_spillPrefix}.scratch", environment.Verdicts, environment.Notices, Stats.ReportProgress);
        Router = new OutcomeRouter(node, Stats, _spillPrefix, Context.Verdicts);
        Cache = new NodeCache(node, environment, Stats, cacheable);
    }

    public StepStats Stats { get; }

    public MergeInput? Input { get; private set; }

    public OutcomeRouter Router { get; }

    /// <summary>What the step wrote (sinks only, once finished).</summary>
    public virtual SinkResult? SinkResult => null;

    protected GraphNode Node { get; }

    protected NodeCache Cache { get; }

    protected StepContext Context { get; }

    /// <summary>The runner for <paramref name="node"/>'s role.</summary>
    public static NodeRunner Create(GraphNode node, int index, EngineEnvironment environment) => node.Step switch
    {
        ReplayStep replay => new ReplayRunner(node, index, environment, replay),
        SourceStep source => new SourceRunner(node, index, environment, source),
        RecordStep record => new RecordRunner(node, index, environment, record),
        BatchedStep batched => new BatchedRunner(node, index, environment, batched),
        BarrierStep barrier => new BarrierRunner(node, index, environment, barrier),
        SinkStep sink => new SinkRunner(node, index, environment, sink),
        _ => throw new ArgumentException($"Step '{node.Name}' has no runnable role ({node.Step.Role}).", nameof(node)),
    };

    /// <summary>Creates the blocks; called for every node before any node starts.</summary>
    public abstract void Build(CancellationToken cancellationToken);

    /// <summary>Runs the node to completion, then ends its reject lane and its consumers' input.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Context.ScratchDirectory);
        try
        {
            await RunCoreAsync(cancellationToken).ConfigureAwait(false);
            await Router.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Stats.Finish();
        }
    }

    protected abstract Task RunCoreAsync(CancellationToken cancellationToken);

    /// <summary>Sets the input side: <paramref name="forward"/> gets the merged records in order, <paramref name="complete"/> runs once all inputs ended.</summary>
    protected void SetInput(Func<Sample, CancellationToken, ValueTask> forward, Func<CancellationToken, ValueTask> complete)
        => Input = Node.Inputs.Count == 0 ? null : new MergeInput(Node.Inputs.Count, _spillPrefix, forward, complete);

    protected string SpillPath(string suffix) => $"{_spillPrefix}-{suffix}";

    protected static async Task SendChecked<T>(ITargetBlock<T> target, T item, CancellationToken cancellationToken)
    {
        if (!await target.SendAsync(item, cancellationToken).ConfigureAwait(false))
        {
            // The block declined: it has faulted or been cancelled. Surface that, not a silent loss.
            cancellationToken.ThrowIfCancellationRequested();
            throw new StepDeclinedException();
        }
    }
}
