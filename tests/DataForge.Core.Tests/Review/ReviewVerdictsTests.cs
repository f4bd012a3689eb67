using DataForge.Core.Review;
using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using Xunit;

namespace DataForge.Core.Tests.Review;

/// <summary>The verdicts in force (last one per id) and what they make of a kept outcome.</summary>
public sealed class ReviewVerdictsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_TwoVerdictsForOneId_TheLastWins()
    {
        // Arrange
        ReviewVerdict[] written =
        [
            new("a", ReviewVerdictKind.Reject, "typo"),
            new("b", ReviewVerdictKind.Flag),
            new("a", ReviewVerdictKind.Accept),
        ];

        // Act
        var verdicts = ReviewVerdicts.From(written);

        // Assert
        Assert.Equal(2, verdicts.Count);
        Assert.Equal(ReviewVerdictKind.Accept, verdicts.Find("a")!.Kind);
        Assert.True(verdicts.IsAccepted("a"));
        Assert.False(verdicts.IsAccepted("b"));
        Assert.Null(verdicts.Find("c"));
        Assert.Equal((1, 0, 1), (verdicts.AcceptCount, verdicts.RejectCount, verdicts.FlagCount));
        Assert.Equal(["a", "b"], verdicts.All.Select(v => v.Id));
    }

    [Fact]
    public void ContentHash_IgnoresTimesAndRepeats_FollowsDecisionsAndNotes()
    {
        // Arrange
        var baseline = ReviewVerdicts.From([new("a", ReviewVerdictKind.Reject, "n", "ana", Monday)]);

        // Act
        var restamped = ReviewVerdicts.From([new("a", ReviewVerdictKind.Reject, "n", "ana"), new("a", ReviewVerdictKind.Reject, "n", "ana", Monday.AddDays(1))]);
        var otherNote = ReviewVerdicts.From([new("a", ReviewVerdictKind.Reject, "m", "ana", Monday)]);
        var otherKind = ReviewVerdicts.From([new("a", ReviewVerdictKind.Flag, "n", "ana", Monday)]);

        // Assert
        Assert.Matches("^[0-9a-f]{64}$", baseline.ContentHash);
        Assert.Equal(baseline.ContentHash, restamped.ContentHash);
        Assert.NotEqual(baseline.ContentHash, otherNote.ContentHash);
        Assert.NotEqual(baseline.ContentHash, otherKind.ContentHash);
        Assert.NotEqual(baseline.ContentHash, ReviewVerdicts.Empty.ContentHash);
        Assert.True(ReviewVerdicts.From([]).IsEmpty);
    }

    [Fact]
    public void Apply_Reject_DropsWithReasonNoteAndReviewer_NotAsAnError()
    {
        // Arrange
        var sample = TestSamples.Make(1);
        var verdicts = ReviewVerdicts.From([new(sample.Id, ReviewVerdictKind.Reject, "leaks a benchmark answer", "ana")]);

        // Act
        var outcome = verdicts.Apply(Outcome.KeepBecause(sample, "kept_top_ifd"));

        // Assert
        Assert.False(outcome.Verdict.Kept);
        Assert.False(outcome.Verdict.IsError);
        Assert.Equal(ReviewVerdicts.RejectedReason, outcome.Verdict.Reason);
        Assert.Equal("leaks a benchmark answer", outcome.Sample.MetaText(ReviewVerdicts.NoteMeta));
        Assert.Equal("ana", outcome.Sample.MetaText(ReviewVerdicts.ReviewerMeta));
    }

    [Fact]
    public void Apply_Flag_MarksKeptRecordsOnce_LeavesDropsAlone()
    {
        // Arrange
        var noted = TestSamples.Make(1);
        var bare = TestSamples.Make(2);
        var verdicts = ReviewVerdicts.From([new(noted.Id, ReviewVerdictKind.Flag, "check the math"), new(bare.Id, ReviewVerdictKind.Flag)]);

        // Act
        var once = verdicts.Apply(Outcome.Keep(noted));
        var twice = verdicts.Apply(once);
        var withoutNote = verdicts.Apply(Outcome.Keep(bare));
        var dropped = verdicts.Apply(Outcome.Drop(bare, "below_budget"));

        // Assert
        Assert.True(twice.Verdict.Kept);
        Assert.Equal(once.Sample, twice.Sample);
        Assert.Equal("check the math", twice.Sample.MetaText(ReviewVerdicts.FlagMeta));
        Assert.Equal(ReviewVerdicts.FlaggedWithoutNote, withoutNote.Sample.MetaText(ReviewVerdicts.FlagMeta));
        Assert.False(dropped.Sample.Meta.ContainsKey(ReviewVerdicts.FlagMeta));
        Assert.Equal("below_budget", dropped.Verdict.Reason);
    }

    [Fact]
    public void Apply_AcceptOrNoVerdict_ReturnsTheOutcomeUnchanged()
    {
        // Arrange
        var accepted = Outcome.Keep(TestSamples.Make(1));
        var unreviewed = Outcome.Keep(TestSamples.Make(2));
        var verdicts = ReviewVerdicts.From([new(accepted.Sample.Id, ReviewVerdictKind.Accept)]);

        // Act + Assert
        Assert.Same(accepted, verdicts.Apply(accepted));
        Assert.Same(unreviewed, verdicts.Apply(unreviewed));
    }
}
