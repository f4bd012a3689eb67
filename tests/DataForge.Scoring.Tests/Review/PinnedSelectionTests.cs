using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Steps;
using DataForge.Scoring.Less;
using DataForge.Scoring.S2l;
using DataForge.Scoring.Selection;
using DataForge.Scoring.Tests.S2l;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Review;

/// <summary>Records a reviewer accepted are kept by every selection step and take budget slots first.</summary>
public sealed class PinnedSelectionTests
{
    private static Sample Record(string id, double score) => new Sample { Id = id, Instruction = id, Output = "o", Source = "x" }.WithScore("ic_ifd", score);

    [Fact]
    public async Task SelectStep_TopTwoWithALowScorerPinned_KeepsThePinAndTheTopOne()
    {
        // Arrange
        Sample[] pool = [Record("a", 0.1), Record("b", 0.9), Record("c", 0.5), Record("d", 0.7)];
        var verdicts = ReviewVerdicts.From([new("a", ReviewVerdictKind.Accept)]);
        var sink = new CollectingSink();
        using var scratch = new TempFolder();
        GraphNode[] nodes =
        [
            new("source", "list-source", new ListSource(pool), [], "", 1, 16),
            new("select", "select", new SelectStep(new SelectOptions { Score = "ic_ifd", TopK = 2 }), ["source"], "", 1, 16),
            new("sink", "collecting-sink", sink, ["select"], "", 1, 16),
        ];

        // Act
        var result = await new PipelineEngine(nodes, new EngineEnvironment(1, "run", scratch.Path, null, Verdicts: verdicts)).RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal([("a", ReviewVerdicts.AcceptedReason), ("b", "kept_top_ic_ifd")], sink.Samples.Select(s => (s.Id, s.Reason!)));
        Assert.Equal(2, result.Stats[1].Dropped["below_budget"]);
    }

    [Fact]
    public void SelectStep_Decide_PinsOutsideThresholdAndQuotaAreKept_AndCountInTheQuota()
    {
        // Arrange: at most one per source; a is below min but pinned and uses source x's slot.
        var step = new SelectStep(new SelectOptions { Score = "ic_ifd", Min = 0.3, TopFraction = 1.0, SourceQuotas = ["*=1"] });

        // Act
        var reasons = step.Decide([0.1, 0.9, 0.5], ["x", "x", "y"], [true, false, false]);

        // Assert
        Assert.Equal([ReviewVerdicts.AcceptedReason, "over_source_quota", "kept_top_ic_ifd"], reasons);
    }

    [Fact]
    public void SelectStep_Decide_WithoutPins_SameAsBefore()
    {
        // Arrange
        var step = new SelectStep(new SelectOptions { Score = "ic_ifd", TopK = 1 });

        // Act + Assert
        Assert.Equal(step.Decide([0.1, 0.9], ["x", "x"]), step.Decide([0.1, 0.9], ["x", "x"], [false, false]));
    }

    [Fact]
    public async Task S2lSelector_PinnedRecord_TrainedOnAndKeptWithinTheBudget()
    {
        // Arrange: 20 records in two loss groups; keep 5; the first is pinned.
        var pool = Enumerable.Range(0, 20).Select(i => new Sample { Id = "", Instruction = $"Task {i}", Output = $"g{i % 2} answer {i}", Origin = "seeds" })
            .Select(s => s with { Id = SampleId.ForContent(s) }).ToList();
        var verdicts = ReviewVerdicts.From([new(pool[0].Id, ReviewVerdictKind.Accept)]);
        var sink = new CollectingSink();
        using var scratch = new TempFolder();
        var options = new S2lSelectorOptions { Budget = 5, Clusters = 2, Epochs = 1, BatchSize = 4, Checkpoints = 3 };
        GraphNode[] nodes =
        [
            new("source", "list-source", new ListSource(pool), [], "", 1, 16),
            new("select", "select-s2l", new S2lSelector(FakeTrainableSource.Planted(), options), ["source"], "", 1, 16),
            new("sink", "collecting-sink", sink, ["select"], "", 1, 16),
        ];

        // Act
        await new PipelineEngine(nodes, new EngineEnvironment(1, "run", scratch.Path, null, Verdicts: verdicts)).RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(5, sink.Samples.Count);
        var pinned = Assert.Single(sink.Samples, s => s.Reason == ReviewVerdicts.AcceptedReason);
        Assert.Equal(pool[0].Id, pinned.Id);
        Assert.True(pinned.Scores.ContainsKey(S2lSelector.ClusterScore));
        Assert.All(sink.Samples.Where(s => s.Id != pool[0].Id), s => Assert.Equal(S2lSelector.KeptReason, s.Reason));
    }

    [Fact]
    public void S2lSampler_PinnedRows_AlwaysSelectedAndCountedInTheBudget()
    {
        // Arrange: 30 rows in three loss groups; rows 0 and 1 pinned.
        var rows = Enumerable.Range(0, 30).Select(i => new[] { i / 10 * 1.0, (i / 10 * 1.0) + ((i % 10) * 0.01) }).ToList();
        var strata = rows.Select(_ => "").ToList();
        var pinned = Enumerable.Range(0, 30).Select(i => i < 2).ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 6, 3, name => DeterministicRandom.Create(7, name, "test"), pinned);

        // Assert
        Assert.True(selection.Selected[0] && selection.Selected[1]);
        Assert.Equal(6, selection.Selected.Count(s => s));
        Assert.Equal(0, selection.Shortfall);
    }

    [Fact]
    public void S2lSampler_MorePinsThanBudget_KeepsEveryPinAndNothingElse()
    {
        // Arrange
        var rows = Enumerable.Range(0, 10).Select(i => new[] { i * 1.0 }).ToList();
        var strata = rows.Select(_ => "").ToList();
        var pinned = Enumerable.Range(0, 10).Select(i => i % 3 == 0).ToList();

        // Act
        var selection = S2lSampler.Select(rows, strata, 2, 2, name => DeterministicRandom.Create(7, name, "test"), pinned);

        // Assert
        Assert.Equal(pinned, selection.Selected);
    }

    [Fact]
    public void LessSelect_PinnedLowScorer_KeptAndTheRankingFillsTheRest()
    {
        // Arrange: keep 2 of four scored candidates; the lowest is pinned; the last has no feature.
        (double Score, int Subtask)?[] scores = [(0.9, 0), (0.1, 0), (0.5, 0), (0.7, 0), null];
        bool[] pinned = [false, true, false, false, true];

        // Act
        var kept = LessSelector.Select(scores, 2, 0.0, pinned);
        var unpinned = LessSelector.Select(scores, 2, 0.0, null);

        // Assert: a pinned candidate without a score stays out (it is an error upstream).
        Assert.Equal([true, true, false, false, false], kept);
        Assert.Equal([true, false, false, true, false], unpinned);
    }
}
