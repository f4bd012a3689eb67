using DataForge.Core.Seams;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch.Training;

namespace DataForge.Models.Torch;

/// <summary>The training side of <see cref="TorchLanguageModel"/>: trainable copies, examples, steps, losses, gradients.</summary>
public sealed partial class TorchLanguageModel
{
    /// <summary>Readies training of all weights, or of LoRA adapters; call before <see cref="TrainStep"/> or <see cref="Gradients"/>.</summary>
    public void StartTraining(TrainingOptions options, LoraOptions? lora = null)
    {
        _trainer?.Dispose();
        _trainer = new DecoderTrainer(Decoder, options, lora);
    }

    /// <inheritdoc/>
    public ITrainableModel CreateTrainable(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var copy = Load(Folder, _options);
        copy._maxTrainingTokens = plan.MaxLength;
        var training = new TrainingOptions { Plan = plan };
        var lora = plan.Lora is { } l ? new LoraOptions { Rank = l.Rank, Alpha = l.Alpha, Targets = l.Targets, Seed = l.Seed } : null;
        copy.StartTraining(training, lora);
        return copy;
    }

    /// <inheritdoc/>
    public TrainingExample Example(string prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        return Format is { } kind
            ? ChatFormat.For(kind).RenderTraining([new DataForge.Core.Records.ChatMessage("user", prompt)], response)
            : new TrainingExample(prompt + "\n", response);
    }

    /// <inheritdoc/>
    public double TrainStep(IReadOnlyList<TrainingExample> batch) => Trainer.TrainStep([.. batch.Select(Row)]);

    /// <inheritdoc/>
    public IReadOnlyList<double> Losses(IReadOnlyList<TrainingExample> examples)
        => DecoderTrainer.Losses(Decoder, [.. examples.Select(Row)]);

    /// <inheritdoc/>
    public IReadOnlyList<float[]> Gradients(IReadOnlyList<TrainingExample> examples) => Trainer.Gradients([.. examples.Select(Row)]);

    /// <inheritdoc/>
    public AdamState AdamMoments() => Trainer.Moments();

    /// <inheritdoc/>
    public float[] TrainableWeights() => Trainer.Weights();

    /// <inheritdoc/>
    public void LoadTrainableWeights(float[] weights) => Trainer.LoadWeights(weights);

    private (int[] Ids, long[] Labels) Row(TrainingExample example)
    {
        var prompt = _codec.ContextIds(example.Prompt);
        var response = Tokenizer.Encode(example.Response, allowSpecial: true); // ends with the end-of-turn marker when rendered by ChatFormat.RenderTraining
        long[] labels = [.. prompt.Select(_ => DecoderTrainer.IgnoreLabel), .. response.Select(t => (long)t)];
        int[] ids = [.. prompt, .. response];
        var keep = Math.Min(ids.Length, Math.Min(_maxTrainingTokens, Decoder.Config.MaxPositionEmbeddings));
        return keep == ids.Length ? (ids, labels) : (ids[..keep], labels[..keep]);
    }
}
