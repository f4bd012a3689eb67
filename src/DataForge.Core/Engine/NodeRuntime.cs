using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks.Dataflow;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>One step at run time: its Dataflow blocks, its router to consumers and its reject lane.</summary>
internal sealed class NodeRuntime
{
    private readonly GraphNode _node;
    private readonly EngineEnvironment _environment;
    private readonly StepContext _context;
    private readonly List<(NodeRuntime Consumer, int Index)> _consumers = [];
    private readonly TaskCompletionSource _inputsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _spillPrefix;
    private SpillFile? _rejects;
    private TransformManyBlock<Sample, Outcome>? _transform;
    private ActionBlock<Sample>? _sink;
    private SpillFile? _barrierInput;

    public NodeRuntime(GraphNode node, int index, EngineEnvironment environment)
    {
        _node = node;
        _environment = environment;
        _spillPrefix = Path.Combine(environment.ScratchDirectory, $"{index:D3}-{node.Name}");
        _context = new StepContext(node.Name, environment.RunSeed, environment.RunId, Path.Combine(environment.ScratchDirectory, $"{index:D3}-{node.Name}.scratch"));
        Stats = new StepStats(node.Name);
    }

    public StepStats Stats { get; }

    public MergeInput? Input { get; private set; }

    public string? RejectLane => _rejects is { Count: > 0 } ? _rejects.Path : null;

    public void AddConsumer(NodeRuntime consumer, int inputIndex) => _consumers.Add((consumer, inputIndex));

    /// <summary>Creates the blocks; called for every node before any node starts.</summary>
    public void Build(CancellationToken cancellationToken)
    {
        switch (_node.Step)
        {
            case RecordStep record:
                var parallelism = Math.Max(1, Math.Min(_node.Parallelism, record.MaxParallelism ?? int.MaxValue));
                _transform = new TransformManyBlock<Sample, Outcome>(
                    s => ProcessAsync(record, s, cancellationToken),
                    new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = parallelism, BoundedCapacity = _node.Capacity, EnsureOrdered = true, CancellationToken = cancellationToken });
                Input = NewInput(async (s, ct) => await SendChecked(_transform, s, ct).ConfigureAwait(false), _ => { _transform.Complete(); return ValueTask.CompletedTask; });
                break;
            case SinkStep sink:
                _sink = new ActionBlock<Sample>(
                    async s => await sink.WriteAsync(s, _context, cancellationToken).ConfigureAwait(false),
                    new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 1, BoundedCapacity = _node.Capacity, CancellationToken = cancellationToken });
                Input = NewInput(async (s, ct) => { Stats.Start(); Stats.Received(); await SendChecked(_sink, s, ct).ConfigureAwait(false); }, _ => { _sink.Complete(); return ValueTask.CompletedTask; });
                break;
            case BarrierStep:
                _barrierInput = new SpillFile($"{_spillPrefix}-barrier.jsonl");
                Input = NewInput(
                    (s, ct) => { Stats.Received(); return _barrierInput.AppendAsync(s, ct); },
                    async _ => { await _barrierInput.CloseAsync().ConfigureAwait(false); _inputsDone.TrySetResult(); });
                break;
        }
    }

    /// <summary>Runs the node to completion.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_context.ScratchDirectory);
        if (_node.Step is SourceStep)
        {
            Stats.Start();
        }
        try
        {
            switch (_node.Step)
            {
                case SourceStep source:
                    await foreach (var outcome in source.ReadAsync(_context, cancellationToken).ConfigureAwait(false))
                    {
                        Stats.Received();
                        await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case RecordStep:
                    await DrainTransformAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case BarrierStep barrier:
                    await _inputsDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    Stats.Start();
                    await RunBarrierAsync(barrier, cancellationToken).ConfigureAwait(false);
                    break;
                case SinkStep sink:
                    await _sink!.Completion.ConfigureAwait(false);
                    await sink.CompleteAsync(_context, cancellationToken).ConfigureAwait(false);
                    break;
            }

            if (_rejects is not null)
            {
                await _rejects.CloseAsync().ConfigureAwait(false);
            }

            foreach (var (consumer, index) in _consumers)
            {
                await consumer.Input!.CompleteAsync(index, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Stats.Finish();
        }
    }

    private async Task DrainTransformAsync(CancellationToken cancellationToken)
    {
        var transform = _transform!;
        try
        {
            while (await transform.OutputAvailableAsync(cancellationToken).ConfigureAwait(false))
            {
                while (transform.TryReceive(out var outcome))
                {
                    await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
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

    private async Task RunBarrierAsync(BarrierStep barrier, CancellationToken cancellationToken)
    {
        var path = _barrierInput!.Path;
        var records = _barrierInput.Count;
        if (!barrier.Cacheable || _environment.Cache is not { } cache)
        {
            Stats.CountComputed(records);
            await foreach (var outcome in barrier.ProcessAllAsync(() => SpillFile.ReadAsync(path, cancellationToken), _context, cancellationToken).ConfigureAwait(false))
            {
                await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var key = await BarrierCacheKeyAsync(path, cancellationToken).ConfigureAwait(false);
        if (!_node.Refresh && await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            Stats.CountCacheHit(records);
            foreach (var outcome in SampleJson.DeserializeOutcomes(hit))
            {
                await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var outcomes = new List<Outcome>();
        await foreach (var outcome in barrier.ProcessAllAsync(() => SpillFile.ReadAsync(path, cancellationToken), _context, cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(outcome);
            await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
        }

        Stats.CountComputed(records);
        await cache.PutAsync(key, SampleJson.SerializeOutcomes(outcomes), cancellationToken).ConfigureAwait(false);
    }

    // A barrier's key: as a record step's, with the whole input stream (the spill file's bytes, in order) in place of one record.
    private async Task<string> BarrierCacheKeyAsync(string spillPath, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"barrier\n{_node.Type}\n{_node.Step.Version}\n{_node.Fingerprint}\n{_node.BuildIdentity}seed={_environment.RunSeed}\n"));
        var stream = new FileStream(spillPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private MergeInput? NewInput(Func<Sample, CancellationToken, ValueTask> forward, Func<CancellationToken, ValueTask> complete)
        => _node.Inputs.Count == 0 ? null : new MergeInput(_node.Inputs.Count, _spillPrefix, forward, complete);

    private static async Task SendChecked<T>(ITargetBlock<T> target, T item, CancellationToken cancellationToken)
    {
        if (!await target.SendAsync(item, cancellationToken).ConfigureAwait(false))
        {
            // The block declined: it has faulted or been cancelled. Surface that, not a silent loss.
            cancellationToken.ThrowIfCancellationRequested();
            throw new StepDeclinedException();
        }
    }

    private async Task<IEnumerable<Outcome>> ProcessAsync(RecordStep step, Sample sample, CancellationToken cancellationToken)
    {
        Stats.Start();
        Stats.Received();
        if (!step.Cacheable || _environment.Cache is not { } cache)
        {
            Stats.CountComputed();
            return await step.ProcessAsync(sample, _context, cancellationToken).ConfigureAwait(false);
        }

        var key = CacheKey(sample);
        if (!_node.Refresh && await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            Stats.CountCacheHit();
            return SampleJson.DeserializeOutcomes(hit);
        }

        var outcomes = await step.ProcessAsync(sample, _context, cancellationToken).ConfigureAwait(false);
        Stats.CountComputed();
        await cache.PutAsync(key, SampleJson.SerializeOutcomes(outcomes), cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    // Everything that determines the result: step type, version, options, models and files, run seed (steps draw from it), the input record.
    private string CacheKey(Sample sample)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"step\n{_node.Type}\n{_node.Step.Version}\n{_node.Fingerprint}\n{_node.BuildIdentity}seed={_environment.RunSeed}\n"));
        hash.AppendData(SampleJson.Serialize(sample));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async ValueTask RouteAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        var sample = outcome.Sample;
        if (_node.Step.IsSelection)
        {
            Stats.RecordScores(sample.Scores, outcome.Verdict.Kept);
        }

        if (outcome.Verdict.Kept)
        {
            if (_node.Step.Role != StepRole.Filter)
            {
                sample = sample with { Step = _node.Name };
            }

            if (outcome.Verdict.Reason is { } reason)
            {
                sample = sample with { Reason = reason };
            }

            Stats.Emitted();
            foreach (var (consumer, index) in _consumers)
            {
                await consumer.Input!.SendAsync(index, sample, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        Stats.Dropping(outcome.Verdict.Reason!, outcome.Verdict.IsError);
        _rejects ??= new SpillFile($"{_spillPrefix}-rejects.jsonl");
        var reject = sample with { Step = _node.Name, Reason = outcome.Verdict.Reason, Raw = outcome.Raw ?? sample.Raw };
        if (outcome.Verdict.IsError)
        {
            reject = reject.WithMeta("reject_class", "error");
        }

        await _rejects.AppendAsync(reject, cancellationToken).ConfigureAwait(false);
    }
}
