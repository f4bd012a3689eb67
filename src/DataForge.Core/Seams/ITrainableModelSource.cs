namespace DataForge.Core.Seams;

/// <summary>
/// A model whose base weights can be copied into fresh trainable models (S2L proxy training, LESS
/// warm-up). The TorchSharp backends' models are sources; a remote model is not.
/// </summary>
public interface ITrainableModelSource
{
    /// <summary>Identity of the base weights (see <see cref="ILanguageModel.Identity"/>).</summary>
    string Identity { get; }

    /// <summary>A new model holding a copy of the base weights, ready to train with <paramref name="plan"/>; the caller disposes it.</summary>
    ITrainableModel CreateTrainable(TrainingPlan plan);

    /// <summary>A training example for one user turn and its response, in the model's chat format (plain <c>prompt + "\n"</c> when it has none).</summary>
    TrainingExample Example(string prompt, string response);
}
