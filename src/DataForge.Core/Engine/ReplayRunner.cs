namespace DataForge.Core.Engine;

/// <summary>Runs a <see cref="ReplayStep"/>: the records as the partitions routed them, unchanged, without their order keys.</summary>
internal sealed class ReplayRunner(GraphNode node, int index, EngineEnvironment environment, ReplayStep replay)
    : NodeRunner(node, index, environment)
{
    public override void Build(CancellationToken cancellationToken)
    {
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        Stats.Start();
        Stats.Received(replay.Received);
        if (replay.Kept is { } kept)
        {
            await foreach (var sample in kept(cancellationToken).ConfigureAwait(false))
            {
                await Router.ReplayKeptAsync(sample with { Order = null }, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            Stats.Emitted(replay.Emitted);
        }

        await foreach (var sample in replay.Rejected(cancellationToken).ConfigureAwait(false))
        {
            await Router.ReplayRejectAsync(sample with { Order = null }, cancellationToken).ConfigureAwait(false);
        }
    }
}
