using DataForge.Core.Seams;
using DataForge.Core.Work;

namespace DataForge.Pipelines.Models;

/// <summary>
/// A run's model as the catalog hands it out: every answered request is counted in the run's
/// <see cref="WorkCounters"/>, then the call goes on unchanged. Disposing it disposes the model.
/// </summary>
internal class CountingLanguageModel(ILanguageModel inner, WorkCounters work) : ILanguageModel, IDisposable
{
    /// <summary>The wrapped model.</summary>
    protected ILanguageModel Inner { get; } = inner;

    /// <summary>A counting model over <paramref name="model"/>; a model that can be trained stays one.</summary>
    public static ILanguageModel Wrap(ILanguageModel model, WorkCounters work)
        => model is ITrainableModelSource source ? new CountingModelSource(model, source, work) : new CountingLanguageModel(model, work);

    /// <inheritdoc/>
    public string Identity => Inner.Identity;

    /// <inheritdoc/>
    public int? ContextLength => Inner.ContextLength;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        var results = await Inner.GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
        work.AddGenerations(results);
        return results;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        var results = await Inner.ScoreAsync(requests, cancellationToken).ConfigureAwait(false);
        work.AddScores(results);
        return results;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        (Inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A counting model whose base weights can still be copied for training (S2L, LESS); training itself is not counted.</summary>
internal sealed class CountingModelSource(ILanguageModel inner, ITrainableModelSource source, WorkCounters work) : CountingLanguageModel(inner, work), ITrainableModelSource
{
    /// <inheritdoc/>
    public ITrainableModel CreateTrainable(TrainingPlan plan) => source.CreateTrainable(plan);

    /// <inheritdoc/>
    public TrainingExample Example(string prompt, string response) => source.Example(prompt, response);
}
