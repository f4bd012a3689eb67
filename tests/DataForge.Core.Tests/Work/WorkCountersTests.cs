using DataForge.Core.Seams;
using DataForge.Core.Work;
using Xunit;

namespace DataForge.Core.Tests.Work;

/// <summary>The run's work counters: requests, tokens and linter checks add up from many threads.</summary>
public sealed class WorkCountersTests
{
    [Fact]
    public void Snapshot_GenerationsScoresAndChecks_AddUp()
    {
        // Arrange
        var work = new WorkCounters();
        GenerationResult[] generations = [new("a b", "stop", 5, 2), new("c", "length", 7, 1)];
        ScoreResult[] scores = [new([new ScoredToken("x", 0, -1), new ScoredToken("y", 1, -2)], "", 3), new([new ScoredToken("z", 0, -1)])];

        // Act
        work.AddGenerations(generations);
        work.AddScores(scores);
        work.AddModelCacheHit();
        work.AddLintCheck();
        work.AddLintCheck();
        var totals = work.Snapshot();

        // Assert
        Assert.Equal(new WorkTotals(ModelRequests: 4, ModelCacheHits: 1, GenerationRequests: 2, ScoreRequests: 2, PromptTokens: 15, GeneratedTokens: 3, ScoredTokens: 3, LintChecks: 2), totals);
    }

    [Fact]
    public async Task AddLintCheck_ManyThreads_NoneLost()
    {
        // Arrange
        var work = new WorkCounters();

        // Act
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                work.AddLintCheck();
                work.AddGenerations([new GenerationResult("t", "stop", 1, 1)]);
            }
        })));

        // Assert
        Assert.Equal(8000, work.Snapshot().LintChecks);
        Assert.Equal(8000, work.Snapshot().ModelRequests);
    }

    [Fact]
    public void Snapshot_NothingCounted_AllZero()
    {
        // Arrange
        var work = new WorkCounters();

        // Act
        var totals = work.Snapshot();

        // Assert
        Assert.Equal(new WorkTotals(0, 0, 0, 0, 0, 0, 0, 0), totals);
    }
}
