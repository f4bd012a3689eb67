using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>Runs a source: reads every record and routes it (in a partitioned run, only the partition's own, keyed); its clock runs from the run's start.</summary>
internal sealed class SourceRunner(GraphNode node, int index, EngineEnvironment environment, SourceStep source)
    : NodeRunner(node, index, environment)
{
    private readonly RecordPartition? _partition = environment.Partition;

    public override void Build(CancellationToken cancellationToken)
    {
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        Stats.Start();
        var partition = _partition;
        long ordinal = 0;
        await foreach (var outcome in source.ReadAsync(Context, cancellationToken).ConfigureAwait(false))
        {
            var routed = outcome;
            if (partition is not null)
            {
                // Every record is numbered, the partition's own ones are kept: the keys are those of a whole run.
                var order = StreamOrder.Source(ordinal++);
                if (!partition.Owns(outcome.Sample.Id))
                {
                    continue;
                }

                routed = outcome with { Sample = outcome.Sample with { Order = order } };
            }

            Stats.Received();
            await Router.RouteAsync(routed, cancellationToken).ConfigureAwait(false);
        }
    }
}
