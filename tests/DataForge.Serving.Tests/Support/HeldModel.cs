using DataForge.Core.Seams;

namespace DataForge.Serving.Tests.Support;

/// <summary>
/// Wraps a model; every generation waits inside until <see cref="Release"/> (or its cancellation).
/// Records the prompts in the order they entered; claims a context of 100,000 tokens.
/// </summary>
public sealed class HeldModel(ILanguageModel inner) : ILanguageModel
{
    private readonly Lock _lock = new();
    private readonly List<string> _entered = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Identity => inner.Identity;

    public int? ContextLength => 100_000;

    /// <summary>Completes when the first generation is inside the model.</summary>
    public Task Entered => _first.Task;

    /// <summary>The prompts (or last messages) of the generations that entered, in order.</summary>
    public IReadOnlyList<string> Order
    {
        get
        {
            lock (_lock)
            {
                return [.. _entered];
            }
        }
    }

    public void Release() => _released.TrySetResult();

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _entered.AddRange(requests.Select(r => r.Prompt ?? r.Messages![^1].Content));
        }

        _first.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.GenerateAsync(requests, cancellationToken);
    }

    public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
        => inner.ScoreAsync(requests, cancellationToken);
}
