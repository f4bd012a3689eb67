using DataForge.Generation.Evol;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

public sealed class EvolEliminationTests
{
    private static readonly string LongSorry = "Sorry for the wait. " + string.Join(' ', Enumerable.Repeat("Paris has many museums.", 20));

    public static TheoryData<string, string, string, string?> PaperCases => new()
    {
        // evolved instruction, answer, judge verdict, expected drop reason (null: kept)
        { "Name a warm color used in painting.", EvolFakes.LongAnswer, "Not Equal", null },
        { "Name a warm color used in painting.", EvolFakes.LongAnswer, "Equal", "evolution_equal" },
        { "Name a warm color used in painting.", EvolFakes.LongAnswer, "equal.", "evolution_equal" },
        { "Name a warm color used in painting.", EvolFakes.LongAnswer, "the the of", null }, // no verdict: shows no equality
        { "Name a warm color used in painting.", "Sorry, I cannot answer that.", "Not Equal", "evolution_sorry" },
        { "Name a warm color used in painting.", LongSorry, "Not Equal", null },
        { "Name a warm color used in painting.", "It is, of the... and the!", "Not Equal", "evolution_stopwords" },
        { "Name a warm color used in painting.", "It is red.", "Not Equal", null },
        { "Here is the rewritten prompt: name a color.", EvolFakes.LongAnswer, "Not Equal", "evolution_copied_markers" },
        { "#Rewritten Prompt#: Name a warm color.", EvolFakes.LongAnswer, "Not Equal", null },
        { "Use the #Given Prompt# to name a color.", EvolFakes.LongAnswer, "Not Equal", "evolution_copied_markers" },
        { "   ", EvolFakes.LongAnswer, "Not Equal", "evolution_empty" },
    };

    [Theory]
    [MemberData(nameof(PaperCases))]
    public async Task ExpandAsync_PaperRules_KeepOrDropWithReasonAndRaw(string evolved, string answer, string verdict, string? reason)
    {
        // Arrange
        var step = EvolFakes.Step(
            new EvolInstructOptions { Rounds = 1 },
            new FakeLanguageModel(_ => evolved),
            new FakeLanguageModel(_ => answer),
            EvolFakes.Judge(verdict));

        // Act
        var run = await StepHarness.RunAsync(step, EvolFakes.Seeds("Name a color."));

        // Assert
        if (reason is null)
        {
            Assert.Equal(2, run.Outputs.Count);
            Assert.Empty(run.Rejects);
            return;
        }

        Assert.Single(run.Outputs);
        var reject = Assert.Single(run.Rejects);
        Assert.Equal(reason, reject.Reason);
        var expectedRaw = reason switch { "evolution_equal" => verdict, "evolution_sorry" or "evolution_stopwords" => answer, _ => evolved };
        Assert.Equal(expectedRaw, reject.Raw);
    }

    [Theory]
    [InlineData("Name a color.", "Name a warm color.", null)]
    [InlineData("Name a color.", "Name a color.", "evolution_same")]
    [InlineData("Name a color.", "a\nb\nc\nd", "evolution_too_many_lines")]
    [InlineData("List.", "- a b\n- c d\n- e f\n- g h\n- i j\n- k l\n- m n\n- o p\n- q r\n- s t\n- u v\n", "evolution_too_many_items")]
    [InlineData("List.", "- a b\n- c d\n- e f\n", null)]
    [InlineData("Name a color.", "Name a color, as in the new prompt.", "evolution_prompt_leaked")]
    [InlineData("Name a color.", "How can I assist you with colors?", "evolution_ai_boilerplate")]
    [InlineData("Name a color.", "I'm sorry, colors are hard.", "evolution_sorry")]
    [InlineData("Say sorry politely.", "I'm sorry, here is a polite apology for you.", null)]
    [InlineData("Name a color.", "", "evolution_empty")]
    public void Check_H2oRules_PassOrFail(string before, string after, string? reason)
    {
        // Act
        var actual = H2oRules.Check(before, after);

        // Assert
        Assert.Equal(reason, actual);
    }

    [Theory]
    [InlineData("Intro text #New Prompt#: Name a warm color.", "Name a warm color.")]
    [InlineData("New Prompt: Name a warm color.", "Name a warm color.")]
    [InlineData("As an AI assistant, I want a warm color.", "I want a warm color.")]
    public void PostProcess_H2oOutput_IsCleaned(string raw, string expected)
    {
        // Act
        var cleaned = H2oRules.PostProcess(raw);

        // Assert
        Assert.Equal(expected, cleaned);
    }

    [Fact]
    public async Task ExpandAsync_H2oElimination_SendsNoJudgeRequest()
    {
        // Arrange
        var judge = EvolFakes.Judge("Equal");
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 2, Elimination = EvolElimination.H2o }, judge: judge);

        // Act
        var run = await StepHarness.RunAsync(step, EvolFakes.Seeds("Name a color."));

        // Assert
        Assert.Empty(judge.Requests);
        Assert.Equal(3, run.Outputs.Count);
    }
}
