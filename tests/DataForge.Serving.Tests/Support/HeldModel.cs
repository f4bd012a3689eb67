using DataForge.Core.Seams;

namespace DataForge.Serving.Tests.Support;

/// <summary>Wraps a model; each generation waits, once inside, until <see cref="Release"/> (or its cancellation).</summary>
public sealed class HeldModel(ILanguageModel inner) : ILanguageModel
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Identity => inner.Identity;

    /// <summary>Completes when the first generation is inside the model.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.GenerateAsync(requests, cancellationToken);
    }

    public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
        => inner.ScoreAsync(requests, cancellationToken);
}
