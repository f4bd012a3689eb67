using DataForge.Generation.Ensemble;
using DataForge.Generation.Prompts;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsemblePromptsTests
{
    private static PromptTemplate FromRepo(string id)
        => new(id, File.ReadAllText(RepoPaths.Combine("src", "DataForge.Generation", "Prompts", id + ".txt")));

    [Fact]
    public void Instructions_Demonstrations_NumberedWithMarkersAndOpenSlot()
    {
        // Arrange
        var template = new PromptTemplate("t", "Header line\n");

        // Act
        var prompt = EnsemblePrompts.Instructions(template, ["Sort  the\nlist:", "Name a colour."]);

        // Assert
        Assert.Equal("Header line\n1. Sort the list |EoS|\n2. Name a colour. |EoS|\n3.", prompt);
    }

    [Fact]
    public void Instance_Instruction_FollowsTemplateAfterLabel()
    {
        // Arrange
        var template = new PromptTemplate("t", "demo\n\ninstruction:\n");

        // Act
        var prompt = EnsemblePrompts.Instance(template, "  Name a colour. ");

        // Assert
        Assert.Equal("demo\n\ninstruction: Name a colour.\n", prompt);
    }

    [Theory]
    [InlineData("Do it.", "", "Do it.")]
    [InlineData(" Translate. ", " Hello \n", "Translate.\nHello")]
    public void ZeroShot_InstructionAndInput_JoinedByNewLine(string instruction, string input, string expected)
    {
        // Arrange / Act
        var prompt = EnsemblePrompts.ZeroShot(instruction, input);

        // Assert
        Assert.Equal(expected, prompt);
    }

    [Fact]
    public void PromptId_SameTextDifferentLineEnds_SameHash()
    {
        // Arrange
        var lf = new PromptTemplate("t", "a\nb");
        var crlf = new PromptTemplate("t", "a\r\nb");

        // Act / Assert
        Assert.Equal(lf.PromptId, crlf.PromptId);
        Assert.Matches("^t@[0-9a-f]{16}$", lf.PromptId);
        Assert.NotEqual(lf.Hash, new PromptTemplate("t", "a\nc").Hash);
    }

    [Theory]
    [InlineData(EnsembleTemplates.WithInputId, EnsembleTaskType.WithInput)]
    [InlineData(EnsembleTemplates.OutputOnlyId, EnsembleTaskType.OutputOnly)]
    public void TemplateFiles_EveryDemonstration_ParsesAsValidInstance(string id, EnsembleTaskType type)
    {
        // Arrange: each block after "instruction: ..." is what a model should continue with
        var template = FromRepo(id);
        var blocks = template.Content.Split("instruction:")[1..^1];

        // Act
        var parsed = blocks.Select(b => EnsembleInstanceParser.Parse(b[(b.IndexOf('\n', StringComparison.Ordinal) + 1)..], type)).ToList();

        // Assert
        Assert.True(parsed.Count >= 6);
        Assert.All(parsed, p => Assert.Null(p.Reason));
        Assert.EndsWith("instruction:", template.Content.TrimEnd(), StringComparison.Ordinal);
    }
}
