using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Scoring.Ifd;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Ifd;

public sealed class IfdScorerTests
{
    // Every word of a continuation costs 1 nat after a prompt and 2 after an empty or answer-prefix
    // context, so IFD = 0.5, except that "hard" costs 3 after a prompt and 1 alone (IFD above 1).
    private static FakeLanguageModel Model() => new(
        r => throw new InvalidOperationException("no generation here"),
        r =>
        {
            var words = FakeLanguageModel.Words(r.Continuation);
            var conditioned = r.Context.Length > 0 && r.Context != IfdPromptFormat.AnswerPrefix("alpaca");
            return [.. words.Select(w => w == "hard" ? (conditioned ? -3.0 : -1.0) : conditioned ? -1.0 : -2.0)];
        },
        identity: "scorer@1");

    private static Sample Record(string id, string instruction, string? output, string? input = null)
        => new() { Id = id, Instruction = instruction, Input = input, Output = output, Source = "seeds" };

    [Fact]
    public async Task Conformance_IfdAndIcIfd_Pass()
    {
        List<Sample> inputs = [Record("a", "Say hi.", "hello there friend"), Record("b", "Name a colour.", "blue"), Record("c", "Empty.", "")];
        await StepConformance.CheckBatchedAsync(() => new IfdScorer(Model(), IfdOptions.Default), inputs);
        await StepConformance.CheckBatchedAsync(() => new IfdScorer(Model(), new IfdOptions { Metric = IfdMetric.IcIfd }), inputs);
    }

    [Fact]
    public async Task Ifd_CherryFormat_ScoresRecordsInOneCallAndDropsAboveOne()
    {
        // Arrange
        var model = Model();
        List<Sample> inputs = [Record("a", "Say hi.", "hello there friend"), Record("b", "Be hard.", "hard words"), Record("c", "No answer.", " ")];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(model, new IfdOptions { MaxLength = 0 }), inputs);

        // Assert: one call of two requests per scoreable record; the alpaca prompt as context.
        Assert.Equal(4, model.ScoreRequests.Count);
        Assert.StartsWith("Below is an instruction that describes a task.", model.ScoreRequests[0].Context, StringComparison.Ordinal);
        Assert.EndsWith("### Instruction:\nSay hi.\n\n### Response:", model.ScoreRequests[0].Context, StringComparison.Ordinal);
        Assert.Equal("### Response:", model.ScoreRequests[1].Context);
        var kept = Assert.Single(run.Outputs);
        Assert.Equal(0.5, kept.Scores["ifd"], 12);
        Assert.False(kept.Scores.ContainsKey("ic_ifd"));
        Assert.Equal(["empty_output", "ifd_above_one"], run.Rejects.Select(r => r.Reason!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IcIfd_PlainFusedPass_WritesBothScoresAndKeepsAboveOne()
    {
        // Arrange
        var model = Model();
        List<Sample> inputs = [Record("a", "Say hi please", "hello there", input: "to Ann")];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(model, new IfdOptions { Metric = IfdMetric.IcIfd }), inputs);

        // Assert: one pass over q + "\n" + output (empty context: every word costs 2), one over the output.
        Assert.Equal(new ScoreRequest("", "Say hi please\nto Ann\nhello there"), model.ScoreRequests[0]);
        Assert.Equal(new ScoreRequest("", "hello there"), model.ScoreRequests[1]);
        var kept = Assert.Single(run.Outputs);
        Assert.Equal(1.0, kept.Scores["ifd"], 12);
        Assert.Equal(0.5, kept.Scores["ic_ifd"], 12);
        Assert.Contains("\"answer_tokens\":2", kept.MetaText("ifd_losses"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ModelRefusesOneRecord_OnlyThatRecordIsAnError()
    {
        // Arrange
        var model = new FakeLanguageModel(
            r => "",
            r => r.Continuation.Contains("huge", StringComparison.Ordinal) ? throw new ModelRequestRejectedException("too long") : [.. FakeLanguageModel.Words(r.Continuation).Select(_ => -1.0)],
            identity: "scorer@1");
        List<Sample> inputs = [Record("a", "One.", "fine answer here"), Record("b", "Two.", "huge answer"), Record("c", "Three.", "also fine")];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(model, new IfdOptions { MaxLength = 0, DropAboveOne = false }), inputs);

        // Assert
        Assert.Equal(["a", "c"], run.Outputs.Select(s => s.Id));
        var reject = Assert.Single(run.Rejects);
        Assert.Equal(("b", "request_rejected"), (reject.Id, reject.Reason));
    }

    [Fact]
    public async Task Rerun_WithTheResultCache_ScoresNothing()
    {
        var cache = new InMemoryResultCache();
        List<Sample> inputs = [Record("a", "Say hi.", "hello there friend")];
        var first = Model();
        var second = Model();
        await StepHarness.RunAsync(new IfdScorer(first, IfdOptions.Default), inputs, cache: cache);
        var run = await StepHarness.RunAsync(new IfdScorer(second, IfdOptions.Default), inputs, cache: cache);
        Assert.NotEmpty(first.ScoreRequests);
        Assert.Empty(second.ScoreRequests);
        Assert.Single(run.Outputs);
    }

    [Fact]
    public void Options_Defaults_FollowTheReferences()
    {
        Assert.Equal((512, true), (IfdOptions.Default.EffectiveMaxLength, IfdOptions.Default.DropsAboveOne));
        var ic = new IfdOptions { Metric = IfdMetric.IcIfd };
        Assert.Equal((0, false), (ic.EffectiveMaxLength, ic.DropsAboveOne));
        Assert.Contains("prompt_format", Assert.Throws<ArgumentException>(() => new IfdScorer(Model(), new IfdOptions { PromptFormat = "chatml" })).Message, StringComparison.Ordinal);
    }
}
