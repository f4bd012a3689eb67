using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>Lets one request at a time use the model: models need not be thread-safe.</summary>
internal sealed class ModelGate(ILanguageModel model) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<T> RunAsync<T>(Func<ILanguageModel, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(model, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
