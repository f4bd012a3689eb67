using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// Runs a barrier: spills the whole input, then runs the step over it (or replays its cached result
/// for the same input stream; for a selection step, with the same records pinned by review verdicts).
/// </summary>
internal sealed class BarrierRunner(GraphNode node, int index, EngineEnvironment environment, BarrierStep barrier)
    : NodeRunner(node, index, environment, barrier.Cacheable)
{
    private readonly TaskCompletionSource _inputsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SortedSet<string>? _pinned = barrier.IsSelection && environment.Verdicts is { AcceptCount: > 0 } ? new(StringComparer.Ordinal) : null;
    private SpillFile? _input;

    public override void Build(CancellationToken cancellationToken)
    {
        var input = _input = new SpillFile(SpillPath("barrier.jsonl"));
        SetInput(
            (s, ct) =>
            {
                Stats.Received();
                if (_pinned is not null && Context.IsPinned(s.Id))
                {
                    _pinned.Add(s.Id);
                }

                return input.AppendAsync(s, ct);
            },
            async _ =>
            {
                await input.CloseAsync().ConfigureAwait(false);
                _inputsDone.TrySetResult();
            });
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        await _inputsDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Stats.Start();
        var path = _input!.Path;
        var records = _input.Count;
        if (!Cache.Enabled)
        {
            Cache.CountComputed(records);
            await foreach (var outcome in barrier.ProcessAllAsync(() => SpillFile.ReadAsync(path, cancellationToken), Context, cancellationToken).ConfigureAwait(false))
            {
                await Router.RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var key = await Cache.StreamKeyAsync(path, _pinned, cancellationToken).ConfigureAwait(false);
        if (await Cache.TryGetAsync(key, records, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            await Router.RouteAllAsync(hit, cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcomes = new List<Outcome>();
        await foreach (var outcome in barrier.ProcessAllAsync(() => SpillFile.ReadAsync(path, cancellationToken), Context, cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(outcome);
            await Router.RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
        }

        await Cache.PutAsync(key, outcomes, records, cancellationToken).ConfigureAwait(false);
    }
}
