using DataForge.Generation.Evol;
using DataForge.Generation.Prompts;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

public sealed class EvolOperationPromptTests
{
    public static TheoryData<string, string[]> Operations => new()
    {
        { EvolOperations.AddConstraints, ["Prompt Rewriter", "#The Given Prompt#", "#Rewritten Prompt#", "constraint", "10 to 20 words"] },
        { EvolOperations.Deepening, ["Prompt Rewriter", "#The Given Prompt#", "#Rewritten Prompt#", "deepen", "10 to 20 words"] },
        { EvolOperations.Concretizing, ["Prompt Rewriter", "#The Given Prompt#", "#Rewritten Prompt#", "more specific", "10 to 20 words"] },
        { EvolOperations.IncreaseReasoning, ["Prompt Rewriter", "#The Given Prompt#", "#Rewritten Prompt#", "several steps", "10 to 20 words"] },
        { EvolOperations.ComplicateInput, ["Prompt Rewriter", "#The Given Prompt#", "#Rewritten Prompt#", "JSON", "10 to 20 words"] },
        { EvolOperations.Mutation, ["Prompt Creator", "#Given Prompt#", "#Created Prompt#", "rarer", "same domain"] },
        { EvolOperations.CodeNewConstraints, ["programming test question", "10 more words"] },
        { EvolOperations.CodeRarerRequirement, ["programming test question", "less common and more specific"] },
        { EvolOperations.CodeMoreReasoning, ["programming test question", "more reasoning steps"] },
        { EvolOperations.CodeErroneousReference, ["programming test question", "erroneous code"] },
        { EvolOperations.CodeHigherComplexity, ["programming test question", "time or space complexity"] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ExpandAsync_SingleOperation_SendsItsFilledTemplate(string operation, string[] markers)
    {
        // Arrange
        var evolver = EvolFakes.Evolver();
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 1, Operations = [operation] }, evolver);
        var seeds = EvolFakes.Seeds("Write a function that {reverses} a string.");

        // Act
        var run = await StepHarness.RunAsync(step, seeds);

        // Assert
        var prompt = EvolFakes.User(Assert.Single(evolver.Requests));
        Assert.Contains("Write a function that {reverses} a string.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("{instruction}", prompt, StringComparison.Ordinal);
        Assert.All(markers, m => Assert.Contains(m, prompt, StringComparison.Ordinal));
        Assert.Equal(PromptLibrary.BuiltIn.Get(operation).PromptId, run.Outputs[1].PromptId);
        Assert.Equal(operation, run.Outputs[1].Operation);
    }

    [Fact]
    public async Task ExpandAsync_PaperElimination_SendsJudgeBothPrompts()
    {
        // Arrange
        var judge = EvolFakes.Judge();
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 1, Operations = [EvolOperations.Deepening] }, judge: judge);

        // Act
        await StepHarness.RunAsync(step, EvolFakes.Seeds("Name a color."));

        // Assert
        var request = Assert.Single(judge.Requests);
        var prompt = EvolFakes.User(request);
        Assert.Contains("First prompt:\nName a color.\nSecond prompt:\nName a color. Explain each step.", prompt, StringComparison.Ordinal);
        Assert.Contains("\"Not Equal\"", prompt, StringComparison.Ordinal);
        Assert.Equal(0, request.Temperature);
    }
}
