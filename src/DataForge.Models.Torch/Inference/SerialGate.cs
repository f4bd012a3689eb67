namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Runs a model's native work one piece at a time, on a pool thread: the backends hold one set of
/// weights and caches, and a CPU batch already uses every core.
/// </summary>
internal sealed class SerialGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate, then runs <paramref name="work"/> off the caller's thread.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
