using System.Threading.Tasks.Dataflow;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>Runs a map, expand or filter step: records in parallel through an ordered block, each result cached on its own.</summary>
internal sealed class RecordRunner(GraphNode node, int index, EngineEnvironment environment, RecordStep step)
    : NodeRunner(node, index, environment, step.Cacheable)
{
    private TransformManyBlock<Sample, Outcome>? _transform;

    public override void Build(CancellationToken cancellationToken)
    {
        var parallelism = Math.Max(1, Math.Min(Node.Parallelism, step.MaxParallelism ?? int.MaxValue));
        var transform = _transform = new TransformManyBlock<Sample, Outcome>(
            s => ProcessAsync(s, cancellationToken),
            new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = parallelism, BoundedCapacity = Node.Capacity, EnsureOrdered = true, CancellationToken = cancellationToken });
        SetInput(
            async (s, ct) => await SendChecked(transform, s, ct).ConfigureAwait(false),
            _ =>
            {
                transform.Complete();
                return ValueTask.CompletedTask;
            });
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        var transform = _transform!;
        try
        {
            while (await transform.OutputAvailableAsync(cancellationToken).ConfigureAwait(false))
            {
                while (transform.TryReceive(out var outcome))
                {
                    await Router.RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is stopping. If it stops because this step's own algorithm threw, report that
            // exception, not the cancellation it caused: the block shares the token, so it completes
            // promptly either way.
            await transform.Completion.ConfigureAwait(false);
            throw;
        }

        await transform.Completion.ConfigureAwait(false);
    }

    // The step and the cache never see a partitioned run's order key: the outcomes get it afterwards.
    private async Task<IEnumerable<Outcome>> ProcessAsync(Sample sample, CancellationToken cancellationToken)
    {
        var order = sample.Order;
        var outcomes = await ComputeAsync(order is null ? sample : sample with { Order = null }, cancellationToken).ConfigureAwait(false);
        return StreamOrder.Stamp(outcomes, order, step.Role);
    }

    private async Task<IReadOnlyList<Outcome>> ComputeAsync(Sample sample, CancellationToken cancellationToken)
    {
        Stats.Start();
        Stats.Received();
        if (!Cache.Enabled)
        {
            Cache.CountComputed(1);
            return await step.ProcessAsync(sample, Context, cancellationToken).ConfigureAwait(false);
        }

        var key = Cache.RecordKey(sample, await step.RecordIdentityAsync(sample, cancellationToken).ConfigureAwait(false));
        if (await Cache.TryGetAsync(key, 1, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return hit;
        }

        var outcomes = await step.ProcessAsync(sample, Context, cancellationToken).ConfigureAwait(false);
        await Cache.PutAsync(key, outcomes, 1, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }
}
