using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Generation.Ensemble;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleInstructGeneratorTests
{
    [Fact]
    public async Task Conformance_BothTypes_Passes()
    {
        // Arrange / Act
        var run = await StepConformance.CheckBarrierAsync(
            () => new EnsembleInstructGenerator(EnsembleInstructFakes.Scripted(new Queue<string>([" Explain why the sky is blue to a child.", " Summarize the plot of a famous novel briefly."])), EnsembleInstructFakes.Options(2, EnsembleTaskType.WithInput, EnsembleTaskType.OutputOnly)),
            EnsembleInstructFakes.Seeds());

        // Assert: each type accepted instructions and every one got an instance.
        Assert.Contains(run.Outputs, s => s.MetaText("ensemble_type") == "with_input" && s.Input == "some text");
        Assert.Contains(run.Outputs, s => s.MetaText("ensemble_type") == "output_only" && s.Input is null && s.Output == "an answer");
    }

    [Fact]
    public async Task InstructionPrompt_DemonstrationsFromSeedsThenAtMostFourMachineMade_Numbered()
    {
        // Arrange: seven output-only seeds, eight demonstrations per prompt, six instructions wanted.
        var seeds = Enumerable.Range(0, 7).Select(i => EnsembleInstructFakes.Seed($"Write a short poem about the number {i} and its shape.", null)).ToList();
        string[] distinct =
        [
            "Invent a recipe for a quick breakfast with oats.",
            "Invent a recipe guide: explain why bridges need expansion joints.",
            "Invent a recipe and then list four uses of vinegar when cleaning.",
            "Invent a recipe while comparing trains and buses for commuting daily.",
            "Invent a recipe after you summarise how vaccines train immunity.",
            "Invent a recipe card that teaches a child to count coins.",
        ];
        var answers = new Queue<string>(distinct.Select(d => " " + d));
        var model = EnsembleInstructFakes.Scripted(answers);
        var options = new EnsembleInstructOptions { Instructions = 6, Types = [EnsembleCategorizer.OutputOnlyName], OutputOnlyDemonstrations = 8, BatchSize = 1 };

        // Act
        await StepHarness.RunAsync(new EnsembleInstructGenerator(model, options), seeds);

        // Assert
        var prompts = model.Requests.Where(EnsembleInstructFakes.IsInstructionPrompt).Select(r => r.Prompt!).ToList();
        Assert.Equal(6, prompts.Count);
        var header = EnsembleTemplates.BuiltIn(EnsembleTemplates.InstructionsId).Content.TrimEnd();
        Assert.All(prompts, p => Assert.StartsWith(header + "\n1. ", p, StringComparison.Ordinal));
        Assert.Equal(7, Demonstrations(prompts[0]).Count); // only seven seeds exist; no machine instruction yet
        Assert.EndsWith("\n8.", prompts[0], StringComparison.Ordinal);
        for (var i = 1; i < prompts.Count; i++)
        {
            var machine = Demonstrations(prompts[i]).Count(d => d.StartsWith("Invent a recipe", StringComparison.Ordinal));
            Assert.Equal(Math.Min(i, 4), machine); // all accepted so far, capped at four
            Assert.Equal(8, Demonstrations(prompts[i]).Count);
        }
    }

    private static List<string> Demonstrations(string prompt)
        => [.. prompt.Split('\n').Skip(1).Where(l => l.EndsWith(" |EoS|", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(". ", StringComparison.Ordinal) + 2)..^" |EoS|".Length])];

    [Fact]
    public async Task Instructions_FilteredAndNoveltyChecked_RejectsCarryReasonAndRawOutput()
    {
        // Arrange: a too-short one, a blocked word, a copy of a seed, then two good ones (one over target).
        var answers = new Queue<string>([" Do it now", " Draw a map of your town and label it.", " Name three primary colours of paint.", " Explain how a rainbow forms after rain.", " Compare two ways of brewing coffee at home."]);
        var model = EnsembleInstructFakes.Scripted(answers);
        var options = new EnsembleInstructOptions { Instructions = 1, Types = [EnsembleCategorizer.OutputOnlyName], BatchSize = 5 };

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(model, options), EnsembleInstructFakes.Seeds());

        // Assert
        Assert.Equal(["too_few_words", "blocked_word", "near_duplicate", "over_target"], run.Rejects.Select(r => r.Reason));
        var copy = run.Rejects.Single(r => r.Reason == "near_duplicate");
        Assert.Equal("1", copy.MetaText("rouge_l_max"));
        Assert.Contains(EnsembleInstructFakes.Seeds()[0].Id, copy.MetaText("rouge_l_nearest"), StringComparison.Ordinal);
        Assert.Equal(" Name three primary colours of paint.", copy.Raw);
        var kept = Assert.Single(run.Outputs);
        Assert.Equal("Explain how a rainbow forms after rain.", kept.Instruction);
        Assert.Equal(EnsembleInstructGenerator.Operation, kept.Operation);
        Assert.Equal("gen@1", kept.Model);
        Assert.Equal(EnsembleTemplates.BuiltIn(EnsembleTemplates.OutputOnlyId).PromptId, kept.PromptId);
        Assert.Equal("seeds", kept.Source);
        Assert.Equal(SampleId.ForContent(kept), kept.Id);
    }

    [Fact]
    public async Task Run_GenerationRounds_ReportProgressToTheStepStats()
    {
        // Arrange: one instruction wanted, found in the first round of five prompts.
        var answers = new Queue<string>([" Explain how a rainbow forms after rain.", " Compare two ways of brewing coffee at home."]);
        var options = new EnsembleInstructOptions { Instructions = 1, Types = [EnsembleCategorizer.OutputOnlyName], BatchSize = 5 };

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(EnsembleInstructFakes.Scripted(answers), options), EnsembleInstructFakes.Seeds());

        // Assert: the last phase reported is the instances of the accepted instruction.
        Assert.Single(run.Outputs);
        Assert.Equal("output_only instances 1/1", run.Stats.Progress?.ToString());
    }

    [Fact]
    public async Task Instance_MultiLineCodeOutput_KeptWhole()
    {
        // Arrange
        const string Code = "```python\ndef add(a, b):\n\n    return a + b\n```";
        var model = EnsembleInstructFakes.Scripted(new Queue<string>([" Write a Python function that adds two numbers."]), withInputInstance: $"input: two integers\n\noutput: {Code}\n|EoS|");
        var options = new EnsembleInstructOptions { Instructions = 1, Types = [EnsembleCategorizer.WithInputName], BatchSize = 1 };

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(model, options), EnsembleInstructFakes.Seeds());

        // Assert
        var kept = Assert.Single(run.Outputs);
        Assert.Equal("two integers", kept.Input);
        Assert.Equal(Code, kept.Output);
        var prompt = model.Requests.Single(r => !EnsembleInstructFakes.IsInstructionPrompt(r)).Prompt!;
        Assert.EndsWith("instruction: Write a Python function that adds two numbers.\n", prompt, StringComparison.Ordinal);
        Assert.All(model.Requests, r => Assert.Equal(["|EoS|"], r.Stop));
    }

    [Fact]
    public async Task Instance_Invalid_DroppedWithParserReason()
    {
        // Arrange: the output-only instance starts with an input label.
        var model = EnsembleInstructFakes.Scripted(new Queue<string>([" Explain how a rainbow forms after rain."]), outputOnlyInstance: "input: nothing\noutput: x");
        var options = new EnsembleInstructOptions { Instructions = 1, Types = [EnsembleCategorizer.OutputOnlyName], BatchSize = 1 };

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(model, options), EnsembleInstructFakes.Seeds());

        // Assert
        Assert.Empty(run.Outputs);
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("unexpected_input", reject.Reason);
        Assert.Equal("input: nothing\noutput: x", reject.Raw);
    }

    [Fact]
    public async Task Run_ModelNeverProducesANovelInstruction_StopsAfterMaxPrompts()
    {
        // Arrange: every answer copies a seed.
        var model = new FakeLanguageModel(r => " Name three primary colours of paint.", identity: "gen@1");
        var options = new EnsembleInstructOptions { Instructions = 3, Types = [EnsembleCategorizer.OutputOnlyName], BatchSize = 2, MaxPrompts = 5 };

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(model, options), EnsembleInstructFakes.Seeds());

        // Assert: five prompts (2 + 2 + 1), five rejects, nothing kept.
        Assert.Equal(5, model.Requests.Count);
        Assert.Equal(5, run.Rejects.Count(r => r.Reason == "near_duplicate"));
        Assert.Empty(run.Outputs);
    }

    [Fact]
    public async Task Rerun_WithTheResultCache_SendsNoRequestAndGivesTheSameRecords()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var options = EnsembleInstructFakes.Options(2, EnsembleTaskType.WithInput, EnsembleTaskType.OutputOnly);
        var first = EnsembleInstructFakes.Scripted(new Queue<string>());
        var second = EnsembleInstructFakes.Scripted(new Queue<string>());

        // Act
        var a = await StepHarness.RunAsync(new EnsembleInstructGenerator(first, options), EnsembleInstructFakes.Seeds(), cache: cache);
        var b = await StepHarness.RunAsync(new EnsembleInstructGenerator(second, options), EnsembleInstructFakes.Seeds(), cache: cache);

        // Assert
        Assert.NotEmpty(first.Requests);
        Assert.Empty(second.Requests);
        Assert.Equal(a.Outputs.Select(s => s.Id), b.Outputs.Select(s => s.Id));
        Assert.Equal(a.Rejects.Select(s => s.Id), b.Rejects.Select(s => s.Id));
        Assert.Equal(EnsembleInstructFakes.Seeds().Count, b.Stats.CacheHits);
        Assert.Equal(0, b.Stats.Computed);
    }

    [Fact]
    public async Task Run_DifferentRunSeeds_DrawDifferentDemonstrationsAndRequestSeeds()
    {
        // Arrange
        var seeds = Enumerable.Range(0, 12).Select(i => EnsembleInstructFakes.Seed($"Describe the colour number {i} to someone who cannot see.", null)).ToList();
        var options = new EnsembleInstructOptions { Instructions = 1, Types = [EnsembleCategorizer.OutputOnlyName], BatchSize = 1, OutputOnlyDemonstrations = 4 };
        var one = EnsembleInstructFakes.Scripted(new Queue<string>());
        var two = EnsembleInstructFakes.Scripted(new Queue<string>());

        // Act
        await StepHarness.RunAsync(new EnsembleInstructGenerator(one, options), seeds, runSeed: 1);
        await StepHarness.RunAsync(new EnsembleInstructGenerator(two, options), seeds, runSeed: 2);

        // Assert
        Assert.NotEqual(one.Requests[0].Prompt, two.Requests[0].Prompt);
        Assert.NotEqual(one.Requests[0].Seed, two.Requests[0].Seed);
    }

    [Fact]
    public async Task Run_GeneratorRefuses_ErrorRejectAndTheTypeStops()
    {
        // Arrange
        var model = new FakeLanguageModel(_ => throw new ModelRequestRejectedException("context too long"), identity: "gen@1");

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(model, EnsembleInstructFakes.Options()), EnsembleInstructFakes.Seeds());

        // Assert
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("request_rejected", reject.Reason);
        Assert.Equal("error", reject.MetaText("reject_class"));
        Assert.Single(model.Requests.Select(r => r.Seed).Distinct());
    }

    [Fact]
    public async Task Run_SeedWithoutInstruction_ErrorRejectOthersStillUsed()
    {
        // Arrange
        var seeds = EnsembleInstructFakes.Seeds();
        seeds.Add(new Sample { Id = "blank", Instruction = "  ", Output = "y" });

        // Act
        var run = await StepHarness.RunAsync(new EnsembleInstructGenerator(EnsembleInstructFakes.Scripted(new Queue<string>()), EnsembleInstructFakes.Options(1)), seeds);

        // Assert
        Assert.Equal("blank", Assert.Single(run.Rejects, r => r.Reason == "no_instruction").Id);
        Assert.Single(run.Outputs);
    }
}
