using DataForge.Core.Records;
using DataForge.Scoring.Less;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class LessSelectorTests : IDisposable
{
    private readonly string _datastore = Path.Combine(Path.GetTempPath(), "dataforge-less-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_datastore))
        {
            Directory.Delete(_datastore, recursive: true);
        }
    }

    // 20 candidates of each kind, interleaved; the kind is the instruction's first word (what the planted model reads).
    private static List<Sample> Pool()
    {
        var records = new List<Sample>();
        for (var i = 0; i < 60; i++)
        {
            var kind = PlantedGradientSource.Kinds[(i * 7) % 3];
            var sample = new Sample { Id = "", Instruction = $"{kind} task {i}: do it.", Input = i % 4 == 0 ? $"context {i}" : null, Output = $"answer {i}" };
            records.Add(sample with { Id = SampleId.ForContent(sample) });
        }

        return records;
    }

    private static string KindOf(Sample sample) => sample.Instruction!.Split(' ')[0];

    private static LessTargetSet Targets(string kind) => LessTargetSet.Of(
    [
        new($"{kind} example one", null, "a", "first"),
        new($"{kind} example two", "with input", "b", "first"),
        new($"{kind} example three", null, "c", "second"),
    ]);

    private LessSelectorOptions Options(string? datastore = null)
        => new() { Epochs = 2, BatchSize = 4, WarmupFraction = 0.2, ProjectionDimension = 256, LoraRank = 8, LoraAlpha = 16, KeepFraction = 1.0 / 3, LearningRate = 1e-3, Datastore = datastore };

    [Fact]
    public async Task Conformance_PlantedPool_Passes()
    {
        // Arrange
        var pool = Pool();
        pool.Add(new Sample { Id = "no-output", Instruction = "math without an answer" });
        pool.Add(new Sample { Id = "cut", Instruction = "poem TRUNCATED", Output = "gone" });

        // Act / Assert
        await StepConformance.CheckBarrierAsync(() => new LessSelector(new PlantedGradientSource(), Targets("math"), Options()), pool);
    }

    [Fact]
    public void Constructor_MissingArgumentsOrBadOptions_Throws()
    {
        StepConformance.CheckRejectsBadOptions(() => new LessSelector(null!, Targets("math"), Options()));
        StepConformance.CheckRejectsBadOptions(() => new LessSelector(new PlantedGradientSource(), null!, Options()));
        StepConformance.CheckRejectsBadOptions(() => new LessSelector(new PlantedGradientSource(), Targets("math"), null!));
    }

    public static TheoryData<LessSelectorOptions, string> BadOptions => new()
    {
        { new LessSelectorOptions { WarmupFraction = 0 }, "warmup_fraction" },
        { new LessSelectorOptions { KeepFraction = 1.5 }, "keep_fraction" },
        { new LessSelectorOptions { LoraTargets = [] }, "lora_targets" },
        { new LessSelectorOptions { LoraTargets = ["q_proj", "w_proj"] }, "lora_targets" },
        { new LessSelectorOptions { ProjectionDimension = 8 }, "projection_dim" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_BadKey_ThrowsNamingTheKey(LessSelectorOptions options, string key)
    {
        // Act
        var error = Assert.ThrowsAny<ArgumentException>(() => new LessSelector(new PlantedGradientSource(), Targets("math"), options));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MathTargets_RanksMathCandidatesAboveTheOthers()
    {
        // Arrange
        var pool = Pool();

        // Act
        var run = await StepHarness.RunAsync(new LessSelector(new PlantedGradientSource(), Targets("math"), Options()), pool);

        // Assert: the top third is exactly the math third; every record leaves once, in input order.
        Assert.Equal(20, run.Outputs.Count);
        Assert.All(run.Outputs, s => Assert.Equal("math", KindOf(s)));
        Assert.All(run.Outputs, s => Assert.Equal(LessSelector.KeptReason, s.Reason));
        Assert.All(run.Rejects, s => Assert.Equal("below_budget", s.Reason));
        Assert.Equal(pool.Select(s => s.Id).Order(StringComparer.Ordinal), run.Outputs.Concat(run.Rejects).Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(pool.Where(s => KindOf(s) == "math").Select(s => s.Id), run.Outputs.Select(s => s.Id));
        var lowestKept = run.Outputs.Min(s => s.Scores[LessSelector.ScoreName]);
        Assert.All(run.Rejects, s => Assert.True(s.Scores[LessSelector.ScoreName] < lowestKept));
        Assert.All(run.Outputs.Concat(run.Rejects), s => Assert.Contains(s.MetaText("less_subtask"), new[] { "first", "second" }));
        Assert.Equal(40, run.Stats.Dropped["below_budget"]);
    }

    [Fact]
    public async Task Run_SecondTargetSetOnTheSameDatastore_TakesGradientsOfTargetsOnlyAndSkipsTheWarmup()
    {
        // Arrange
        var pool = Pool();
        var first = new PlantedGradientSource();
        var notes = new List<string>();
        await StepHarness.RunAsync(new LessSelector(first, Targets("math"), Options(_datastore)), pool, notes: notes.Add);
        var second = new PlantedGradientSource();
        var fresh = new PlantedGradientSource();

        // Act
        var reused = await StepHarness.RunAsync(new LessSelector(second, Targets("poem"), Options(_datastore)), pool, notes: notes.Add);
        var recomputed = await StepHarness.RunAsync(new LessSelector(fresh, Targets("poem"), Options()), pool);

        // Assert: candidates' gradients were taken once per checkpoint by the first run only; the second
        // run trained nothing (12 warm-up records in batches of 4, two epochs: 6 steps, all in the first run)
        // and restored both checkpoints' adapters, and says so.
        Assert.Equal(2 * (60 + 3), first.GradientExamples);
        Assert.Equal(2 * 3, second.GradientExamples);
        Assert.Equal((6, 0), (first.TrainSteps, first.AdapterLoads));
        Assert.Equal((0, 2), (second.TrainSteps, second.AdapterLoads));
        Assert.Equal(6, fresh.TrainSteps);
        var folder = Directory.GetDirectories(_datastore).Single();
        Assert.Equal(2, Directory.GetFiles(folder, "*.f32").Length);
        Assert.Equal(2, Directory.GetFiles(folder, "*.adapters").Length);
        var note = Assert.Single(notes);
        Assert.Contains("warm-up restored from the datastore", note, StringComparison.Ordinal);
        Assert.All(reused.Outputs, s => Assert.Equal("poem", KindOf(s)));
        Assert.Equal(recomputed.Outputs.Select(s => s.Scores[LessSelector.ScoreName]), reused.Outputs.Select(s => s.Scores[LessSelector.ScoreName]));
    }

    [Fact]
    public async Task Run_OtherPool_DoesNotReuseTheDatastore()
    {
        // Arrange
        var pool = Pool();
        await StepHarness.RunAsync(new LessSelector(new PlantedGradientSource(), Targets("math"), Options(_datastore)), pool);
        var other = new PlantedGradientSource();

        // Act
        await StepHarness.RunAsync(new LessSelector(other, Targets("math"), Options(_datastore)), pool.Skip(1).ToList());

        // Assert
        Assert.Equal(2 * (59 + 3), other.GradientExamples);
        Assert.Equal(2, Directory.GetDirectories(_datastore).Length);
    }

    [Fact]
    public async Task Run_RecordsWithoutAGradient_AreErrorsWithTheirReason()
    {
        // Arrange
        var pool = Pool();
        pool.Insert(3, new Sample { Id = "no-instruction", Output = "x" });
        pool.Insert(5, new Sample { Id = "no-output", Instruction = "math but silent" });
        pool.Insert(9, new Sample { Id = "cut", Instruction = "math TRUNCATED", Output = "y" });

        // Act
        var run = await StepHarness.RunAsync(new LessSelector(new PlantedGradientSource(), Targets("math"), Options() with { Keep = 5 }), pool);

        // Assert
        Assert.Equal(5, run.Outputs.Count);
        var errors = run.Rejects.Where(s => s.MetaText("reject_class") == "error").ToDictionary(s => s.Id, s => s.Reason);
        Assert.Equal(new Dictionary<string, string?> { ["no-instruction"] = "no_instruction", ["no-output"] = "no_output", ["cut"] = "no_response_tokens" }, errors);
        Assert.All(run.Rejects.Where(s => s.Reason == "below_budget"), s => Assert.True(s.Scores.ContainsKey(LessSelector.ScoreName)));
        Assert.DoesNotContain(run.Rejects.Where(s => s.Reason != "below_budget"), s => s.Scores.ContainsKey(LessSelector.ScoreName));
    }

    [Fact]
    public async Task Run_TrainingPlan_FollowsTheOptions()
    {
        // Arrange
        var source = new PlantedGradientSource();

        // Act
        await StepHarness.RunAsync(new LessSelector(source, Targets("code"), Options() with { LoraTargets = ["q_proj", "v_proj"], MaxLength = 333 }), Pool());

        // Assert: 12 warm-up records (20% of 60) in batches of 4, two epochs.
        var plan = Assert.Single(source.Plans);
        Assert.Equal(6, plan.TotalSteps);
        Assert.Equal(0, plan.MinLearningRateRatio);
        Assert.Equal(333, plan.MaxLength);
        Assert.Equal(1e-3, plan.LearningRate);
        Assert.NotNull(plan.Lora);
        Assert.Equal((8, 16.0), (plan.Lora.Rank, plan.Lora.Alpha));
        Assert.Equal(["q_proj", "v_proj"], plan.Lora.Targets);
    }
}
