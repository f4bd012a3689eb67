using DataForge.Core.Seams;
using DataForge.Generation.Evol;
using DataForge.Generation.Prompts;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

public sealed class EvolInstructExpanderTests
{
    [Fact]
    public async Task ExpandAsync_ScriptedModels_MeetsTheStepContract()
    {
        // Arrange
        var seeds = EvolFakes.Seeds("Name a color.", "Sort a list of numbers.", "Explain gravity.");
        var answers = new FakeLanguageModel(r => r.Seed % 3 == 0 ? "Sorry, no." : EvolFakes.LongAnswer);

        // Act
        var run = await StepConformance.CheckRecordStepAsync(() => EvolFakes.Step(new EvolInstructOptions { Rounds = 3 }, answerer: answers), seeds);

        // Assert
        Assert.True(run.Outputs.Count > seeds.Count);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        // Arrange
        var models = new EvolModels(EvolFakes.Evolver());
        var noPlaceholder = PromptLibrary.BuiltIn.With(new PromptTemplate(EvolOperations.Mutation, "no slot"));

        // Act / Assert
        StepConformance.CheckRejectsBadOptions(() => new EvolInstructExpander(null!, models, PromptLibrary.BuiltIn));
        StepConformance.CheckRejectsBadOptions(() => new EvolInstructExpander(EvolInstructOptions.Default, models, noPlaceholder));
    }

    [Theory]
    [InlineData("rounds")]
    [InlineData("operations")]
    [InlineData("operations", true)]
    public void Constructor_BadOption_ThrowsNamingTheKey(string key, bool empty = false)
    {
        // Arrange
        var options = key == "rounds" ? new EvolInstructOptions { Rounds = 0 }
            : new EvolInstructOptions { Operations = empty ? [] : ["shuffle"] };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new EvolInstructExpander(options, new EvolModels(EvolFakes.Evolver()), PromptLibrary.BuiltIn));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_CodePreset_ExpandsToTheFiveCodeOperations()
    {
        // Act
        var options = new EvolInstructOptions { Operations = [EvolOperations.CodePreset, EvolOperations.CodeMoreReasoning] };

        // Assert
        Assert.Equal(EvolOperations.Code, options.OperationList());
        Assert.Equal(EvolOperations.Default, EvolInstructOptions.Default.OperationList());
    }

    [Fact]
    public async Task ExpandAsync_ThreeRounds_LinksEachVersionToThePreviousAndTheSeed()
    {
        // Arrange
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 3 });
        var seed = EvolFakes.Seeds("Name a color.")[0];

        // Act
        var run = await StepHarness.RunAsync(step, [seed]);

        // Assert
        Assert.Equal(4, run.Outputs.Count);
        Assert.Equal(seed.Id, run.Outputs[0].Id);
        Assert.Equal(seed.Id, run.Outputs[0].RootId);
        Assert.Equal(0, run.Outputs[0].Round);
        for (var r = 1; r <= 3; r++)
        {
            var record = run.Outputs[r];
            Assert.Equal(run.Outputs[r - 1].Id, record.ParentId);
            Assert.Equal(seed.Id, record.RootId);
            Assert.Equal(r, record.Round);
            Assert.Contains(record.Operation, EvolOperations.Default);
            Assert.Equal("evolver@1", record.Model);
            Assert.Equal(PromptLibrary.BuiltIn.Get(record.Operation!).PromptId, record.PromptId);
            Assert.Equal(EvolFakes.LongAnswer, record.Output);
            Assert.Equal("answerer@1", record.MetaText("answer_model"));
        }

        Assert.Equal("Name a color. Explain each step. Explain each step. Explain each step.", run.Outputs[3].Instruction);
    }

    [Fact]
    public async Task ExpandAsync_FailedRound_RetriesTheOldInstructionNextRound()
    {
        // Arrange: round 1 copies a marker, round 2 succeeds.
        var evolver = new FakeLanguageModel(identity: "evolver@1").Enqueue("The rewritten prompt is: name a hue.", "Name a warm color.");
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, evolver);
        var seed = EvolFakes.Seeds("Name a color.")[0];

        // Act
        var run = await StepHarness.RunAsync(step, [seed]);

        // Assert
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("evolution_copied_markers", reject.Reason);
        Assert.Equal("The rewritten prompt is: name a hue.", reject.Raw);
        Assert.Equal(1, reject.Round);
        Assert.Equal("Name a color.", EvolFakes.Given(evolver.Requests[1]));
        Assert.Equal(2, run.Outputs.Count);
        Assert.Equal(seed.Id, run.Outputs[1].ParentId);
        Assert.Equal(2, run.Outputs[1].Round);
        Assert.Equal("Name a warm color.", run.Outputs[1].Instruction);
    }

    [Fact]
    public async Task ExpandAsync_PromptLongerThanTheContext_DropsContextTooLongNotAnError()
    {
        // Arrange
        var calls = 0;
        var evolver = new FakeLanguageModel(r => Interlocked.Increment(ref calls) == 1 ? throw ModelRequestRejectedException.ContextTooLong("e@1", 4518, 512) : EvolFakes.Given(r) + " More.", identity: "e@1");
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, evolver);

        // Act
        var run = await StepHarness.RunAsync(step, EvolFakes.Seeds("Name a color."));

        // Assert
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("context_too_long", reject.Reason);
        Assert.False(reject.Meta.ContainsKey("reject_class"));
        Assert.Contains("context_too_long", step.Contract.DropReasons);
    }

    [Fact]
    public async Task ExpandAsync_RejectedRequest_IsAnErrorAndTheNextRoundGoesOn()
    {
        // Arrange
        var calls = 0;
        var evolver = new FakeLanguageModel(r => Interlocked.Increment(ref calls) == 1 ? throw new ModelRequestRejectedException("too long") : EvolFakes.Given(r) + " More.", identity: "e@1");
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, evolver);

        // Act
        var run = await StepHarness.RunAsync(step, EvolFakes.Seeds("Name a color."));

        // Assert
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("request_rejected", reject.Reason);
        Assert.Equal("error", reject.MetaText("reject_class"));
        Assert.Equal("Name a color. More.", run.Outputs[1].Instruction);
    }

    [Fact]
    public async Task ExpandAsync_RequestSeeds_DependOnRunSeedRecordAndRound()
    {
        // Arrange
        var first = EvolFakes.Evolver();
        var second = EvolFakes.Evolver();
        var other = EvolFakes.Evolver();
        var seeds = EvolFakes.Seeds("Name a color.", "Explain gravity.");

        // Act
        await StepHarness.RunAsync(EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, first), seeds, runSeed: 7);
        await StepHarness.RunAsync(EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, second), seeds, runSeed: 7);
        await StepHarness.RunAsync(EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, other), seeds, runSeed: 8);

        // Assert
        var seedsOf = (FakeLanguageModel m) => m.Requests.Select(r => r.Seed).ToList();
        Assert.Equal(seedsOf(first), seedsOf(second));
        Assert.Equal(4, seedsOf(first).Distinct().Count());
        Assert.NotEqual(seedsOf(first), seedsOf(other));
    }

    [Fact]
    public async Task ExpandAsync_Rerun_SendsNoModelRequest()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var seeds = EvolFakes.Seeds("Name a color.", "Explain gravity.");
        var evolver = EvolFakes.Evolver();
        var first = await StepHarness.RunAsync(EvolFakes.Step(EvolInstructOptions.Default), seeds, cache: cache);

        // Act
        var rerun = await StepHarness.RunAsync(EvolFakes.Step(EvolInstructOptions.Default, evolver), seeds, cache: cache);

        // Assert
        Assert.Empty(evolver.Requests);
        Assert.Equal(first.Outputs.Select(s => s.Id), rerun.Outputs.Select(s => s.Id));
    }

    [Fact]
    public void Version_IsTheStepsOwnIntegerAndTheStepIsCached()
    {
        // Arrange: the engine adds the models' identities and the templates' content to the cache key.
        var step = EvolFakes.Step(EvolInstructOptions.Default);

        // Act
        var version = step.Version;

        // Assert
        Assert.Equal(3, version);
        Assert.True(step.Cacheable);
    }
}
