namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Lets concurrent generation calls share forward passes: every call's inputs join one queue, and a
/// single pump hands the decoder up to <c>batchSize</c> waiting inputs of one group at a time
/// (the group that fills the batch best), whichever calls they came from. Records in flight
/// at once (a step's <c>parallelism</c>) thus decode together instead of one after another.
/// </summary>
/// <remarks>
/// Results must not follow the timing, so a batch holds inputs of one group only: the generator's
/// padded prompt width (<see cref="BatchGenerator.PaddedWidth"/>). A sequence's numbers depend on
/// that width alone, and each sequence samples from its own seeded generator, so its tokens are
/// the same alone or in any batch the queue makes.
/// </remarks>
internal sealed class GenerationQueue
{
    private readonly int _batchSize;
    private readonly Func<GenerationInput, int> _group;
    private readonly Func<IReadOnlyList<GenerationInput>, CancellationToken, Task<IReadOnlyList<GenerationOutput>>> _decode;
    private readonly List<Waiting> _waiting = [];
    private readonly Lock _lock = new();
    private bool _pumping;

    /// <summary>Creates a queue over a decode function that takes at most <paramref name="batchSize"/> inputs of one <paramref name="group"/>.</summary>
    public GenerationQueue(int batchSize, Func<GenerationInput, int> group, Func<IReadOnlyList<GenerationInput>, CancellationToken, Task<IReadOnlyList<GenerationOutput>>> decode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(decode);
        _batchSize = batchSize;
        _group = group;
        _decode = decode;
    }

    /// <summary>Batches decoded so far and the inputs they held (for tests and benches).</summary>
    public (long Batches, long Inputs) Decoded { get; private set; }

    /// <summary>Queues the inputs and returns their outputs, in input order.</summary>
    public async Task<IReadOnlyList<GenerationOutput>> GenerateAsync(IReadOnlyList<GenerationInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        var waiting = inputs.Select(i => new Waiting(i, _group(i), cancellationToken)).ToList();
        bool start;
        lock (_lock)
        {
            _waiting.AddRange(waiting);

            start = !_pumping;
            _pumping = true;
        }

        if (start)
        {
            _ = Task.Run(PumpAsync, CancellationToken.None);
        }

        return await Task.WhenAll(waiting.Select(w => w.Done.Task)).ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        while (Next() is { Count: > 0 } batch)
        {
            // The batch stops early only when every caller in it gave up.
            using var stop = new CancellationTokenSource();
            var left = batch.Count;
            var registrations = batch.Select(w => w.Token.Register(() =>
            {
                if (Interlocked.Decrement(ref left) == 0)
                {
                    stop.Cancel();
                }
            })).ToList();
            try
            {
                var outputs = await _decode([.. batch.Select(w => w.Input)], stop.Token).ConfigureAwait(false);
                Decoded = (Decoded.Batches + 1, Decoded.Inputs + batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(outputs[i]);
                }
            }
            catch (OperationCanceledException)
            {
                batch.ForEach(w => w.Done.TrySetCanceled(w.Token.IsCancellationRequested ? w.Token : stop.Token));
            }
            catch (Exception e)
            {
                batch.ForEach(w => w.Done.TrySetException(e));
            }
            finally
            {
                registrations.ForEach(r => r.Dispose());
            }
        }
    }

    // The next batch: the group with the most waiting inputs (up to a full batch; of those, the group of the
    // longest-waiting input), its inputs in arrival order, without inputs whose callers gave up; empty (and
    // the pump stops) when none wait.
    private List<Waiting> Next()
    {
        lock (_lock)
        {
            foreach (var gone in _waiting.Where(w => w.Token.IsCancellationRequested))
            {
                gone.Done.TrySetCanceled(gone.Token);
            }

            _waiting.RemoveAll(w => w.Token.IsCancellationRequested);
            var group = _waiting.Count == 0 ? 0 : _waiting.GroupBy(w => w.Group).MaxBy(g => Math.Min(g.Count(), _batchSize))!.Key;
            var batch = _waiting.Where(w => w.Group == group).Take(_batchSize).ToList();
            var taken = batch.ToHashSet(ReferenceEqualityComparer.Instance);
            _waiting.RemoveAll(taken.Contains);

            _pumping = batch.Count > 0;
            return batch;
        }
    }

    private sealed class Waiting(GenerationInput input, int group, CancellationToken token)
    {
        public GenerationInput Input { get; } = input;

        public int Group { get; } = group;

        public CancellationToken Token { get; } = token;

        public TaskCompletionSource<GenerationOutput> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
