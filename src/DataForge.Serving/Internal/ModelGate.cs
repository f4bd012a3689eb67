using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>
/// Lets one request at a time use the model (models need not be thread-safe), the others waiting in
/// arrival order, at most <c>maxWaiting</c> of them. A request that goes away leaves the queue, or
/// has its model call cancelled; <see cref="Stop"/> cancels the running call and empties the queue.
/// </summary>
internal sealed class ModelGate(ILanguageModel model, int maxWaiting) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public ILanguageModel Model => model;

    /// <summary>True once the server is stopping: calls are cancelled and new ones refused.</summary>
    public bool Stopping => _stopping.IsCancellationRequested;

    /// <summary>Runs <paramref name="work"/> with the model when the requests before it are done.</summary>
    /// <exception cref="ServerUnavailableException">The queue is full, or the server is stopping.</exception>
    public async Task<T> RunAsync<T>(Func<ILanguageModel, CancellationToken, Task<T>> work, CancellationToken requestAborted)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        await EnterAsync(call.Token).ConfigureAwait(false);
        try
        {
            return await work(model, call.Token).ConfigureAwait(false);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Cancels the running model call and every waiting request; later requests are refused.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        lock (_lock)
        {
            foreach (var waiter in _waiting)
            {
                waiter.TrySetCanceled(_stopping.Token);
            }

            _waiting.Clear();
        }
    }

    public void Dispose() => _stopping.Dispose();

    private Task EnterAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (Stopping)
            {
                throw ServerUnavailableException.ShuttingDown();
            }

            if (!_busy)
            {
                _busy = true;
                return Task.CompletedTask;
            }

            if (_waiting.Count >= maxWaiting)
            {
                throw ServerUnavailableException.QueueFull(maxWaiting);
            }

            node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return WaitAsync(node, cancellationToken);
    }

    private async Task WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        // Cancelled while waiting: leave the queue (a waiter already handed the model keeps it and
        // gives it back at once, its call being cancelled).
        await using var registration = cancellationToken.Register(() => Abandon(node, cancellationToken)).ConfigureAwait(false);
        await node.Value.Task.ConfigureAwait(false);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
                node.Value.TrySetCanceled(cancellationToken);
            }
        }
    }

    // Hands the model to the first waiter, or frees it.
    private void Leave()
    {
        lock (_lock)
        {
            if (_waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                next.Value.TrySetResult();
            }
            else
            {
                _busy = false;
            }
        }
    }
}
