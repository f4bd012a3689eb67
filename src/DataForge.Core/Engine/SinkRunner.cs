using System.Threading.Tasks.Dataflow;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>Runs a sink: one record at a time, in stream order; keeps what the sink reports it wrote.</summary>
internal sealed class SinkRunner(GraphNode node, int index, EngineEnvironment environment, SinkStep sink)
    : NodeRunner(node, index, environment)
{
    private ActionBlock<Sample>? _block;
    private SinkResult? _result;

    public override SinkResult? SinkResult => _result;

    public override void Build(CancellationToken cancellationToken)
    {
        var block = _block = new ActionBlock<Sample>(
            async s => await sink.WriteAsync(s, Context, cancellationToken).ConfigureAwait(false),
            new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 1, BoundedCapacity = Node.Capacity, CancellationToken = cancellationToken });
        SetInput(
            async (s, ct) =>
            {
                Stats.Start();
                Stats.Received();
                await SendChecked(block, s, ct).ConfigureAwait(false);
            },
            _ =>
            {
                block.Complete();
                return ValueTask.CompletedTask;
            });
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        await _block!.Completion.ConfigureAwait(false);
        _result = await sink.CompleteAsync(Context, cancellationToken).ConfigureAwait(false);
    }
}
