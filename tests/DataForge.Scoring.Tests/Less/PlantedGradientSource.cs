using DataForge.Core.Seams;

namespace DataForge.Scoring.Tests.Less;

/// <summary>
/// A trainable source whose gradients are planted: an example of kind k (the first word of its prompt,
/// one of <see cref="Kinds"/>) has a fixed pattern on coordinates [k·B, (k+1)·B) plus a little noise
/// from its text everywhere; a prompt containing "TRUNCATED" gives NaN (its response was cut away).
/// Training keeps real Adam moments of the batch-mean gradient and a linear-decay learning rate.
/// Counts the examples each gradient call was asked for.
/// </summary>
internal sealed class PlantedGradientSource(string identity = "planted@1") : ITrainableModelSource
{
    public const int Block = 32;

    public static readonly string[] Kinds = ["math", "code", "poem"];

    public string Identity { get; } = identity;

    public int GradientExamples { get; private set; }

    /// <summary>Warm-up training steps taken, over every model made.</summary>
    public int TrainSteps { get; private set; }

    /// <summary>Adapters loaded into a model (a checkpoint restored from the datastore).</summary>
    public int AdapterLoads { get; private set; }

    public List<TrainingPlan> Plans { get; } = [];

    public static int Length => Block * Kinds.Length;

    public ITrainableModel CreateTrainable(TrainingPlan plan)
    {
        Plans.Add(plan);
        return new Model(this, plan);
    }

    public TrainingExample Example(string prompt, string response) => new(prompt + "\n", response);

    public static float[] Gradient(TrainingExample example)
    {
        var g = new float[Length];
        if (example.Prompt.Contains("TRUNCATED", StringComparison.Ordinal))
        {
            Array.Fill(g, float.NaN);
            return g;
        }

        var kind = Array.IndexOf(Kinds, example.Prompt.Split(' ')[0]);
        var pattern = new Random(1000 + kind);
        var noise = new Random(example.Prompt.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = (float)(0.05 * ((noise.NextDouble() * 2) - 1));
        }

        for (var i = kind * Block; i < (kind + 1) * Block; i++)
        {
            g[i] += (float)(0.5 + pattern.NextDouble()) * (pattern.Next(2) == 0 ? 1 : -1);
        }

        return g;
    }

    private sealed class Model(PlantedGradientSource source, TrainingPlan plan) : ITrainableModel
    {
        private readonly float[] _m = new float[Length];
        private readonly float[] _v = new float[Length];
        private readonly List<double> _rates = [];
        private float[] _weights = new float[Length];

        public string Identity => source.Identity;

        public IReadOnlyList<string> TrainableParameters => ["lora"];

        public double TrainStep(IReadOnlyList<TrainingExample> batch)
        {
            var gradients = batch.Select(Gradient).ToList();
            for (var i = 0; i < Length; i++)
            {
                var g = gradients.Average(x => x[i]);
                _m[i] = (0.9f * _m[i]) + (0.1f * g);
                _v[i] = (0.999f * _v[i]) + (0.001f * g * g);
            }

            _rates.Add(plan.LearningRate * (1 - ((double)_rates.Count / plan.TotalSteps)));
            for (var i = 0; i < Length; i++)
            {
                _weights[i] -= (float)_rates[^1] * _m[i];
            }

            source.TrainSteps++;
            return 0;
        }

        public float[] TrainableWeights() => [.. _weights];

        public void LoadTrainableWeights(float[] weights)
        {
            source.AdapterLoads++;
            _weights = [.. weights];
        }

        public AdamState AdamMoments() => new(_rates.Count, [.. _rates], [.. _m], [.. _v]);

        public IReadOnlyList<float[]> Gradients(IReadOnlyList<TrainingExample> examples)
        {
            source.GradientExamples += examples.Count;
            return [.. examples.Select(Gradient)];
        }

        public IReadOnlyList<double> Losses(IReadOnlyList<TrainingExample> examples) => [.. examples.Select(_ => 1.0)];

        public void Save(string directory) => throw new NotSupportedException();

        public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
