namespace DataForge.Core.Seams;

/// <summary>
/// A language model that can also be trained and give gradients (LESS warm-up and gradient features,
/// S2L proxy training). Implemented by the TorchSharp backend.
/// </summary>
public interface ITrainableModel : ILanguageModel, IDisposable
{
    /// <summary>Names of the parameters that training updates (all of them, or only LoRA adapters).</summary>
    IReadOnlyList<string> TrainableParameters { get; }

    /// <summary>One optimizer step on a batch: masked loss over responses, backward, clip, AdamW with the schedule; returns the batch's mean loss.</summary>
    double TrainStep(IReadOnlyList<TrainingExample> batch);

    /// <summary>Mean response loss of each example under the current weights (no gradients).</summary>
    IReadOnlyList<double> Losses(IReadOnlyList<TrainingExample> examples);

    /// <summary>Gradient of each example's mean response loss with respect to the trainable parameters, flattened in <see cref="TrainableParameters"/> order.</summary>
    IReadOnlyList<float[]> Gradients(IReadOnlyList<TrainingExample> examples);

    /// <summary>
    /// The optimizer's moments and the learning rate of each step taken (LESS's Adam-preconditioned
    /// gradient features and checkpoint weights). Implementations that do not train with Adam throw.
    /// </summary>
    /// <exception cref="NotSupportedException">The model keeps no Adam state.</exception>
    AdamState AdamMoments() => throw new NotSupportedException($"{GetType().Name} does not expose Adam moments");

    /// <summary>
    /// The current values of the trainable parameters, flattened in <see cref="TrainableParameters"/> order
    /// (with LoRA: the adapters), so a checkpoint can be kept and restored later. Implementations that cannot throw.
    /// </summary>
    /// <exception cref="NotSupportedException">The model cannot give its trainable weights.</exception>
    float[] TrainableWeights() => throw new NotSupportedException($"{GetType().Name} does not expose its trainable weights");

    /// <summary>Sets the trainable parameters to values <see cref="TrainableWeights"/> gave (same model, same plan).</summary>
    /// <exception cref="ArgumentException">The values do not fit the trainable parameters.</exception>
    /// <exception cref="NotSupportedException">The model cannot take trainable weights.</exception>
    void LoadTrainableWeights(float[] weights) => throw new NotSupportedException($"{GetType().Name} does not take trainable weights");

    /// <summary>Saves the current weights (LoRA merged) as a Hugging Face checkpoint folder.</summary>
    void Save(string directory);
}
