using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Scoring.Perplexity;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Perplexity;

public sealed class PerplexityFilterTests
{
    // A word "pN" costs ln(N) nats, so an answer of "pN" words has perplexity N; any other word costs
    // ln(2). After a context every word costs ln(2) less: the conditioned perplexity is half.
    private static FakeLanguageModel Model() => new(
        r => throw new InvalidOperationException("no generation here"),
        r => [.. FakeLanguageModel.Words(r.Continuation).Select(w => -Math.Log(Cost(w)) + (r.Context.Length > 0 ? Math.Log(2) : 0))],
        identity: "scorer@1");

    private static double Cost(string word) => word.StartsWith('p') && int.TryParse(word[1..], out var n) ? n : 2;

    private static Sample Record(string id, string output, string instruction = "Say it.") => new() { Id = id, Instruction = instruction, Output = output };

    private static Step Build(PerplexityOptions options, FakeLanguageModel model) => PerplexityFilter.Create(options, new PerplexityScorer(model, options));

    [Fact]
    public async Task Conformance_ByValue_Passes()
    {
        // Arrange
        List<Sample> inputs = [Record("a", "p4 p4"), Record("b", "p40 p40"), Record("c", " ")];
        var options = new PerplexityOptions { Model = "m", Max = 10 };

        // Act
        var result = await StepConformance.CheckBatchedAsync(() => (BatchedStep)Build(options, Model()), inputs);

        // Assert
        Assert.Single(result.Outputs);
    }

    [Fact]
    public async Task Run_MinAndMax_DropOutsideTheBoundsAndStoreTheScore()
    {
        // Arrange: conditioned, so the perplexities are 2, 10 and 50
        var options = new PerplexityOptions { Model = "m", Min = 3, Max = 20 };
        List<Sample> inputs = [Record("low", "p4 p4"), Record("mid", "p20"), Record("high", "p100 p100"), Record("empty", "")];

        // Act
        var result = await StepHarness.RunAsync(Build(options, Model()), inputs);

        // Assert
        var kept = Assert.Single(result.Outputs);
        Assert.Equal("mid", kept.Id);
        Assert.Equal(10, kept.Scores["perplexity"], 9);
        Assert.Equal(1L, kept.Meta["perplexity_tokens"].GetInt64());
        Assert.Equal("perplexity_below_min", result.Rejects.Single(r => r.Id == "low").Reason);
        Assert.Equal("perplexity_above_max", result.Rejects.Single(r => r.Id == "high").Reason);
        Assert.Equal("empty_text", result.Rejects.Single(r => r.Id == "empty").Reason);
    }

    [Fact]
    public async Task Run_Unconditioned_ScoresTheOutputAlone()
    {
        // Arrange
        var model = Model();
        var options = new PerplexityOptions { Model = "m", Max = 100, Conditioned = false };

        // Act
        var result = await StepHarness.RunAsync(Build(options, model), [Record("a", "p20")]);

        // Assert
        Assert.Equal(20, Assert.Single(result.Outputs).Scores["perplexity"], 9);
        Assert.Equal("", Assert.Single(model.ScoreRequests).Context);
    }

    [Fact]
    public async Task Run_Conditioned_PutsTheInstructionAndInputBeforeTheOutput()
    {
        // Arrange
        var model = Model();
        var options = new PerplexityOptions { Model = "m", Max = 100 };
        var sample = Record("a", "p20", "Repeat it.") with { Input = "p20" };

        // Act
        await StepHarness.RunAsync(Build(options, model), [sample]);

        // Assert
        Assert.Equal("Repeat it.\np20\n", Assert.Single(model.ScoreRequests).Context);
    }

    [Fact]
    public async Task Run_MaxPercentile_IsABarrierDroppingAboveTheRunsPercentile()
    {
        // Arrange: perplexities 1 … 10 (conditioned: the word cost is halved)
        var options = new PerplexityOptions { Model = "m", MaxPercentile = 50, BatchRecords = 3 };
        var inputs = Enumerable.Range(1, 10).Select(i => Record($"r{i}", $"p{2 * i}")).ToList();

        // Act
        var step = Build(options, Model());
        var result = await StepHarness.RunAsync(step, inputs);

        // Assert: the median of 1 … 10 is 5.5
        Assert.IsType<PerplexityPercentileFilter>(step);
        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], result.Outputs.Select(s => s.Id));
        Assert.All(result.Rejects, r => Assert.Equal("perplexity_above_percentile", r.Reason));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(50, 2.5)]
    [InlineData(90, 3.7)]
    [InlineData(100, 4.0)]
    public void Percentile_Values_InterpolatesBetweenRanks(double percentile, double expected)
    {
        // Arrange
        double[] values = [4, 1, 3, 2];

        // Act
        var value = PerplexityPercentileFilter.Percentile(values, percentile);

        // Assert
        Assert.Equal(expected, value!.Value, 9);
    }

    [Fact]
    public void Check_NoBound_IsRefused()
    {
        // Arrange
        var options = new PerplexityOptions { Model = "m" };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal("max", problem?.Key);
    }
}
