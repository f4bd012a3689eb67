using DataForge.Core.Seams;

namespace DataForge.Serving.Tests.Support;

/// <summary>Wraps a model, slows each call down and records the most calls that were inside it at once.</summary>
public sealed class ConcurrencyProbeModel(ILanguageModel inner, TimeSpan delay) : ILanguageModel
{
    private readonly Lock _gate = new();
    private int _inside;
    private int _maxInside;

    public string Identity => inner.Identity;

    public int MaxInside => Volatile.Read(ref _maxInside);

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
        => ProbeAsync(() => inner.GenerateAsync(requests, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
        => ProbeAsync(() => inner.ScoreAsync(requests, cancellationToken), cancellationToken);

    private async Task<T> ProbeAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inside);
        lock (_gate)
        {
            _maxInside = Math.Max(_maxInside, now);
        }

        try
        {
            await Task.Delay(delay, cancellationToken);
            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
