using DataForge.Core.Records;
using DataForge.Generation.Evol;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

/// <summary>Evol-Instruct on a multi-turn record: it evolves the first exchange and makes single-turn records.</summary>
public sealed class EvolConversationTests
{
    [Fact]
    public async Task ExpandAsync_MultiTurnSeed_EvolvesTheFirstQuestionAndDropsTheConversation()
    {
        // Arrange
        var seed = new Sample
        {
            Id = "c0ffee",
            Instruction = "Capitale du Japon ?",
            Output = "Tokyo.",
            Messages = [new("system", "Sois bref."), new("user", "Capitale du Japon ?"), new("assistant", "Tokyo."), new("user", "Et de la France ?"), new("assistant", "Paris.")],
            Origin = "seeds",
        };
        var evolver = EvolFakes.Evolver();
        var step = EvolFakes.Step(new EvolInstructOptions { Rounds = 2 }, evolver);

        // Act
        var run = await StepHarness.RunAsync(step, [seed]);

        // Assert
        Assert.Equal(3, run.Outputs.Count);
        Assert.Equal(5, run.Outputs[0].Messages!.Value.Length);
        Assert.Equal("Capitale du Japon ?", EvolFakes.Given(evolver.Requests[0]));
        foreach (var evolved in run.Outputs.Skip(1))
        {
            Assert.Null(evolved.Messages);
            Assert.StartsWith("Capitale du Japon ? Explain each step.", evolved.Instruction, StringComparison.Ordinal);
            Assert.Equal(EvolFakes.LongAnswer, evolved.Output);
            Assert.Equal(SampleId.ForContent(evolved with { Id = "" }), evolved.Id);
        }
    }
}
