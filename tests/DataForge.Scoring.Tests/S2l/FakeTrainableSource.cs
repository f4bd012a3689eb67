using DataForge.Core.Seams;

namespace DataForge.Scoring.Tests.S2l;

/// <summary>
/// A trainable source whose models "learn" by a script: the loss of an example is
/// <c>loss(example, progress)</c>, progress being the share of the plan's steps taken so far.
/// Counts what was created, trained and evaluated.
/// </summary>
internal sealed class FakeTrainableSource(Func<TrainingExample, double, double> loss, string identity = "fake-proxy@1") : ITrainableModelSource
{
    private readonly Func<TrainingExample, double, double> _loss = loss;
    private readonly List<TrainingPlan> _plans = [];

    public string Identity { get; } = identity;

    public IReadOnlyList<TrainingPlan> Plans => _plans;

    public int TrainSteps { get; private set; }

    public int LossEvaluations { get; private set; }

    public List<IReadOnlyList<TrainingExample>> Batches { get; } = [];

    public ITrainableModel CreateTrainable(TrainingPlan plan)
    {
        _plans.Add(plan);
        return new Model(this, plan);
    }

    public TrainingExample Example(string prompt, string response) => new(prompt + "\n", response);

    /// <summary>Losses from planted per-group curves: the group is the number after "g" at the start of the response.</summary>
    public static FakeTrainableSource Planted(string identity = "fake-proxy@1")
        => new((example, progress) =>
        {
            var group = GroupOf(example.Response);
            var hash = example.Prompt.Aggregate(17, (h, c) => unchecked((h * 31) + c));
            var jitter = (Math.Abs(hash % 1000) - 500) / 100_000.0;
            return ((group + 1) * 2.0 * (1 - (0.5 * progress))) + jitter;
        }, identity);

    public static int GroupOf(string response) => int.Parse(response[1..response.IndexOf(' ', StringComparison.Ordinal)]);

    private sealed class Model(FakeTrainableSource source, TrainingPlan plan) : ITrainableModel
    {
        private int _steps;

        public string Identity => source.Identity;

        public IReadOnlyList<string> TrainableParameters => ["w"];

        public double TrainStep(IReadOnlyList<TrainingExample> batch)
        {
            _steps++;
            source.TrainSteps++;
            source.Batches.Add(batch);
            return 0;
        }

        public IReadOnlyList<double> Losses(IReadOnlyList<TrainingExample> examples)
        {
            source.LossEvaluations += examples.Count;
            return [.. examples.Select(e => source._loss(e, (double)_steps / plan.TotalSteps))];
        }

        public IReadOnlyList<float[]> Gradients(IReadOnlyList<TrainingExample> examples) => throw new NotSupportedException();

        public void Save(string directory) => throw new NotSupportedException();

        public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
