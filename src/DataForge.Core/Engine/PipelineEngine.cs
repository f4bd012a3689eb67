using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// Wires a validated plan into bounded, ordered TPL Dataflow blocks and runs it. Memory stays flat:
/// every buffer is bounded, and whatever must wait for a whole stream (barriers, the later inputs
/// of a merge, rejects) waits on disk. Records flow in a deterministic order whatever the
/// parallelism, so the same plan and inputs give the same outputs.
/// </summary>
public sealed class PipelineEngine
{
    private readonly List<NodeRunner> _runtimes;
    private readonly EngineEnvironment _environment;

    /// <summary>Prepares a run of <paramref name="nodes"/> (in plan order; inputs must name earlier or later nodes of the plan, without cycles).</summary>
    public PipelineEngine(IReadOnlyList<GraphNode> nodes, EngineEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(environment);
        Directory.CreateDirectory(environment.ScratchDirectory);
        _environment = environment;
        _runtimes = [.. nodes.Select((n, i) => NodeRunner.Create(n, i, environment))];
        var byName = _runtimes.Zip(nodes).ToDictionary(p => p.Second.Name, p => p.First, StringComparer.Ordinal);
        foreach (var (runtime, node) in _runtimes.Zip(nodes))
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (!byName.TryGetValue(node.Inputs[i], out var producer))
                {
                    throw new ArgumentException($"Step '{node.Name}' reads unknown step '{node.Inputs[i]}'.", nameof(nodes));
                }

                producer.Router.AddConsumer(runtime, i);
            }
        }

        Stats = [.. _runtimes.Select(r => r.Stats)];
    }

    /// <summary>Live counters per step, in plan order.</summary>
    public IReadOnlyList<StepStats> Stats { get; }

    /// <summary>Runs every step to completion. A failure in any step cancels the others and is rethrown.</summary>
    public async Task<EngineResult> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        foreach (var runtime in _runtimes)
        {
            runtime.Build(stop.Token);
        }

        var tasks = _runtimes.Select(r => Guard(r.RunAsync(stop.Token), stop)).ToArray();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (tasks.Any(t => t.IsFaulted))
        {
            // Prefer the root cause over what it triggered in other steps: cancellations, and
            // producers whose consumer stopped accepting records.
            var errors = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            var root = errors.FirstOrDefault(e => e is not (OperationCanceledException or StepDeclinedException))
                ?? errors.FirstOrDefault(e => e is not OperationCanceledException)
                ?? errors[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(root);
        }

        var lanes = _runtimes.Select(r => r.Router.RejectLane).OfType<string>().ToList();
        var rejects = await WriteRejectsAsync(lanes, stop.Token).ConfigureAwait(false);
        return new EngineResult(Stats, lanes, [.. _runtimes.Select(r => r.SinkResult).OfType<SinkResult>()], rejects, [.. _runtimes.Select(r => r.Router.RejectLane)]);
    }

    // The reject sink gets every lane, in plan order, each lane in the order its step rejected.
    private async Task<SinkResult?> WriteRejectsAsync(IReadOnlyList<string> lanes, CancellationToken cancellationToken)
    {
        if (_environment.RejectSink is not { } sink)
        {
            return null;
        }

        var context = new StepContext("rejects", _environment.RunSeed, _environment.RunId, Path.Combine(_environment.ScratchDirectory, "rejects.scratch"));
        foreach (var lane in lanes)
        {
            await foreach (var sample in SpillFile.ReadAsync(lane, cancellationToken).ConfigureAwait(false))
            {
                await sink.WriteAsync(sample, context, cancellationToken).ConfigureAwait(false);
            }
        }

        return await sink.CompleteAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task Guard(Task task, CancellationTokenSource stop)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
