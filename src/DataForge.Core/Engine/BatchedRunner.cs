using System.Threading.Tasks.Dataflow;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// Runs a batched step: each record's result is looked up in the cache on its own (keyed as a
/// record step's); the records without one are sent to the step in batches of at most
/// <see cref="BatchedStep.BatchSize"/> (the last one when the input ends); outcomes, cached and
/// computed, leave in input order, and each computed one is cached under its record's key.
/// </summary>
internal sealed class BatchedRunner(GraphNode node, int index, EngineEnvironment environment, BatchedStep step)
    : NodeRunner(node, index, environment, step.Cacheable)
{
    private readonly Queue<Slot> _waiting = new();
    private readonly List<Slot> _pending = [];
    private ActionBlock<Sample>? _block;

    public override void Build(CancellationToken cancellationToken)
    {
        var block = _block = new ActionBlock<Sample>(
            s => AcceptAsync(s, cancellationToken),
            new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 1, BoundedCapacity = Node.Capacity, CancellationToken = cancellationToken });
        SetInput(
            async (s, ct) => await SendChecked(block, s, ct).ConfigureAwait(false),
            _ =>
            {
                block.Complete();
                return ValueTask.CompletedTask;
            });
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        await _block!.Completion.ConfigureAwait(false);
        await ComputePendingAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AcceptAsync(Sample sample, CancellationToken cancellationToken)
    {
        Stats.Start();
        Stats.Received();
        var order = sample.Order;
        sample = order is null ? sample : sample with { Order = null };
        var slot = new Slot(sample, Cache.Enabled ? Cache.RecordKey(sample) : null) { Order = order };
        _waiting.Enqueue(slot);
        if (slot.Key is { } key && await Cache.TryGetAsync(key, 1, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            slot.Outcomes = hit;
        }
        else
        {
            _pending.Add(slot);
            if (_pending.Count >= Math.Max(1, step.BatchSize))
            {
                await ComputePendingAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ComputePendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var outcomes = await step.ProcessBatchAsync([.. _pending.Select(s => s.Sample)], Context, cancellationToken).ConfigureAwait(false);
        if (outcomes.Count != _pending.Count)
        {
            throw new InvalidOperationException($"Step '{Node.Name}' returned {outcomes.Count} outcomes for a batch of {_pending.Count} records (one per record expected).");
        }

        for (var i = 0; i < outcomes.Count; i++)
        {
            _pending[i].Outcomes = [outcomes[i]];
            await Cache.PutAsync(_pending[i].Key, _pending[i].Outcomes!, 1, cancellationToken).ConfigureAwait(false);
        }

        _pending.Clear();
    }

    // Routes the leading records whose outcome is known, keeping the input order.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_waiting.TryPeek(out var slot) && slot.Outcomes is { } outcomes)
        {
            _waiting.Dequeue();
            await Router.RouteAllAsync(StreamOrder.Stamp(outcomes, slot.Order, StepRole.Batched), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Slot(Sample sample, string? key)
    {
        public Sample Sample { get; } = sample;

        public string? Key { get; } = key;

        /// <summary>The record's order key in a partitioned run.</summary>
        public string? Order { get; init; }

        public IReadOnlyList<Outcome>? Outcomes { get; set; }
    }
}
