namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Lets concurrent generation calls share forward passes: every call's inputs join one queue, and a
/// single pump hands the decoder up to <c>batchSize</c> waiting inputs at a time, whichever calls they
/// came from. Records in flight at once (a step's <c>parallelism</c>) thus decode together instead of
/// one after another. A sequence's tokens do not depend on its batch: left-padded batches are exact
/// and each sequence samples from its own seeded generator, so results are the same however calls
/// interleave.
/// </summary>
internal sealed class GenerationQueue
{
    private readonly int _batchSize;
    private readonly Func<IReadOnlyList<GenerationInput>, CancellationToken, Task<IReadOnlyList<GenerationOutput>>> _decode;
    private readonly Queue<Waiting> _waiting = new();
    private readonly Lock _lock = new();
    private bool _pumping;

    /// <summary>Creates a queue over a decode function that takes at most <paramref name="batchSize"/> inputs.</summary>
    public GenerationQueue(int batchSize, Func<IReadOnlyList<GenerationInput>, CancellationToken, Task<IReadOnlyList<GenerationOutput>>> decode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(decode);
        _batchSize = batchSize;
        _decode = decode;
    }

    /// <summary>Batches decoded so far and the inputs they held (for tests and benches).</summary>
    public (long Batches, long Inputs) Decoded { get; private set; }

    /// <summary>Queues the inputs and returns their outputs, in input order.</summary>
    public async Task<IReadOnlyList<GenerationOutput>> GenerateAsync(IReadOnlyList<GenerationInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        var waiting = inputs.Select(i => new Waiting(i, cancellationToken)).ToList();
        bool start;
        lock (_lock)
        {
            foreach (var w in waiting)
            {
                _waiting.Enqueue(w);
            }

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

    // The next batch in arrival order, without inputs whose callers gave up; empty (and the pump stops) when none wait.
    private List<Waiting> Next()
    {
        lock (_lock)
        {
            var batch = new List<Waiting>(_batchSize);
            while (batch.Count < _batchSize && _waiting.TryDequeue(out var w))
            {
                if (w.Token.IsCancellationRequested)
                {
                    w.Done.TrySetCanceled(w.Token);
                    continue;
                }

                batch.Add(w);
            }

            _pumping = batch.Count > 0;
            return batch;
        }
    }

    private sealed record Waiting(GenerationInput Input, CancellationToken Token)
    {
        public TaskCompletionSource<GenerationOutput> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
