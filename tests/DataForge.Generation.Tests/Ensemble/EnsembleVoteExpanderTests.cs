using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Generation.Ensemble;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleVoteExpanderTests
{
    // Answers keyed by the instruction (the first line of the user message).
    private static FakeLanguageModel Model(string identity, Dictionary<string, string> answers)
        => new(r => answers[r.Messages![0].Content.Split('\n')[0]], identity: identity);

    private static Sample Record(string instruction, string output, string? input = null)
    {
        var sample = new Sample { Id = "", Instruction = instruction, Input = input, Output = output, Model = "gen@1" };
        return sample with { Id = SampleId.ForContent(sample) };
    }

    private static EnsembleVoteExpander Step(Dictionary<string, string> first, Dictionary<string, string> second)
        => new([Model("m1@1", first), Model("m2@2", second)], EnsembleVoteOptions.Default);

    private static readonly Dictionary<string, string> First = new()
    {
        ["Capital of France?"] = "Paris",
        ["Describe a fox."] = "the quick brown fox",
        ["Say something."] = "beta",
    };

    private static readonly Dictionary<string, string> Second = new()
    {
        ["Capital of France?"] = "paris.",
        ["Describe a fox."] = "the quick brown dog",
        ["Say something."] = "gamma",
    };

    private static List<Sample> Inputs() =>
    [
        Record("Capital of France?", "Paris!"),
        Record("Describe a fox.", "a quick red fox"),
        Record("Say something.", "alpha"),
    ];

    [Fact]
    public async Task Conformance_MixedVotes_Passes()
    {
        // Arrange / Act
        var run = await StepConformance.CheckRecordStepAsync(() => Step(First, Second), Inputs());

        // Assert
        Assert.Equal(2, run.Outputs.Count);
        Assert.Contains(run.Rejects, r => r.Reason == "no_consensus");
        Assert.Contains(run.Rejects, r => r.Reason == "vote_minority");
    }

    [Fact]
    public void Constructor_SameModelTwiceOrTooFew_Throws()
    {
        // Arrange
        var a = new FakeLanguageModel("same@1");
        var b = new FakeLanguageModel("same@1");

        // Act / Assert
        Assert.Throws<ArgumentException>(() => new EnsembleVoteExpander([a, b], EnsembleVoteOptions.Default));
        Assert.Throws<ArgumentException>(() => new EnsembleVoteExpander([a], EnsembleVoteOptions.Default));
        StepConformance.CheckRejectsBadOptions(() => new EnsembleVoteExpander([a, new FakeLanguageModel("other@2")], null!));
        var error = Assert.Throws<ArgumentException>(() => new EnsembleVoteExpander([a, new FakeLanguageModel("other@2")], new EnsembleVoteOptions { Threshold = -0.1 }));
        Assert.StartsWith("threshold:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_GeneratorAgrees_KeepsRecordWithVotes()
    {
        // Arrange
        var input = Inputs()[0];

        // Act
        var run = await StepHarness.RunAsync(Step(First, Second), [input]);

        // Assert
        var kept = Assert.Single(run.Outputs);
        Assert.Equal(input.Id, kept.Id);
        Assert.Equal("Paris!", kept.Output);
        Assert.Contains("\"method\":\"exact_match\"", kept.Votes, StringComparison.Ordinal);
        Assert.Empty(run.Rejects);
    }

    [Fact]
    public async Task Expand_EnsembleOutputWins_DerivedRecordAndMinorityRejects()
    {
        // Arrange
        var input = Inputs()[1];

        // Act
        var run = await StepHarness.RunAsync(Step(First, Second), [input]);

        // Assert
        var kept = Assert.Single(run.Outputs);
        Assert.Equal("the quick brown fox", kept.Output);
        Assert.Equal("m1@1", kept.Model);
        Assert.Equal(input.Id, kept.ParentId);
        Assert.NotEqual(input.Id, kept.Id);
        Assert.Equal(["gen@1", "m2@2"], run.Rejects.Select(r => r.Model));
        Assert.All(run.Rejects, r => Assert.Equal("vote_minority", r.Reason));
        Assert.Equal("a quick red fox", run.Rejects[0].Raw);
    }

    [Fact]
    public async Task Expand_NoConsensus_DropsInputWithVotes()
    {
        // Arrange
        var input = Inputs()[2];

        // Act
        var run = await StepHarness.RunAsync(Step(First, Second), [input]);

        // Assert
        Assert.Empty(run.Outputs);
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("no_consensus", reject.Reason);
        Assert.Contains("\"gamma\"", reject.Votes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_ModelRejectsRequest_DropsRequestRejected()
    {
        // Arrange
        var refusing = new FakeLanguageModel(_ => throw new ModelRequestRejectedException("too long"), identity: "m2@2");
        var step = new EnsembleVoteExpander([Model("m1@1", First), refusing], EnsembleVoteOptions.Default);

        // Act
        var run = await StepHarness.RunAsync(step, [Inputs()[0]]);

        // Assert
        Assert.Equal("request_rejected", Assert.Single(run.Rejects).Reason);
    }

    [Fact]
    public async Task Expand_PromptLongerThanAModelsContext_DropsContextTooLong()
    {
        // Arrange
        var refusing = new FakeLanguageModel(_ => throw ModelRequestRejectedException.ContextTooLong("m2@2", 2000, 1024), identity: "m2@2");
        var step = new EnsembleVoteExpander([Model("m1@1", First), refusing], EnsembleVoteOptions.Default);

        // Act
        var run = await StepHarness.RunAsync(step, [Inputs()[0]]);

        // Assert
        Assert.Equal("context_too_long", Assert.Single(run.Rejects).Reason);
    }

    [Fact]
    public async Task Expand_RecordMadeByAnEnsembleModel_ErrorDuplicateModel()
    {
        // Arrange
        var input = Inputs()[0] with { Model = "m1@1" };

        // Act
        var run = await StepHarness.RunAsync(Step(First, Second), [input]);

        // Assert
        Assert.Equal("duplicate_model", Assert.Single(run.Rejects).Reason);
    }

    [Fact]
    public void Step_IsCachedPerRecord_AtItsBehaviourVersion()
    {
        // Arrange / Act: the models' identities and the stem flag reach the cache key through the engine, not the version.
        var step = Step(First, Second);

        // Assert
        Assert.True(step.Cacheable);
        Assert.Equal(3, step.Version);
    }

    [Fact]
    public async Task Expand_Requests_AreGreedyUserMessagesStoppingAtMarker()
    {
        // Arrange
        var first = Model("m1@1", First);
        var step = new EnsembleVoteExpander([first, Model("m2@2", Second)], new EnsembleVoteOptions { MaxTokens = 64 });

        // Act
        await StepHarness.RunAsync(step, [Record("Capital of France?", "Paris", "context line")]);

        // Assert
        var request = Assert.Single(first.Requests);
        Assert.Equal("Capital of France?\ncontext line", request.Messages![0].Content);
        Assert.Equal(0, request.Temperature);
        Assert.Equal(64, request.MaxTokens);
        Assert.Equal(["|EoS|"], request.Stop);
    }
}
