using DataForge.Generation.Ensemble;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleInstructionParserTests
{
    [Fact]
    public void Split_NumberedResponse_ReturnsEachItemWithoutMarkers()
    {
        // Arrange: the open slot "25." is in the prompt, so the first item has no number
        var response = "Write a short poem about the sea at night. |EoS|\n26. Translate the   sentence\ninto French. |EoS|\n27 . Summarize the news article in two sentences.";

        // Act
        var pieces = EnsembleInstructionParser.Split(response);

        // Assert
        Assert.Equal(
            ["Write a short poem about the sea at night.", "Translate the sentence into French.", "Summarize the news article in two sentences."],
            pieces);
    }

    [Fact]
    public void Split_NumberWithoutTrailingSpace_DoesNotSplit()
    {
        // Arrange
        var response = "List the first primes below\n10.5 and explain why";

        // Act
        var pieces = EnsembleInstructionParser.Split(response);

        // Assert
        Assert.Single(pieces);
    }

    [Theory]
    [InlineData("Sort the list of numbers.", null)]
    [InlineData("", "empty_instruction")]
    [InlineData("Sort the list", "too_few_words")]
    [InlineData("Describe the image below in detail.", "blocked_word")]
    [InlineData("Read the FILES and count lines.", "blocked_word")]
    [InlineData("Explain how to go to the station.", "blocked_word")]
    [InlineData("Plot the sales figures for this year.", "blocked_word")]
    [InlineData("Explain what a mapping of keys is.", null)]
    [InlineData("Write a program that adds two numbers.", "program_request")]
    [InlineData("\"Quote\" the following famous sentence please.", "punctuation_start")]
    [InlineData("Écris une phrase en français maintenant.", "non_ascii_start")]
    public void Check_Instruction_GivesExpectedReason(string instruction, string? expected)
    {
        // Arrange / Act
        var reason = EnsembleInstructionParser.Check(instruction);

        // Assert
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Check_MoreThan150Words_TooManyWords()
    {
        // Arrange
        var instruction = string.Join(' ', Enumerable.Repeat("word", 151));

        // Act
        var reason = EnsembleInstructionParser.Check(instruction);

        // Assert
        Assert.Equal("too_many_words", reason);
        Assert.Null(EnsembleInstructionParser.Check(string.Join(' ', Enumerable.Repeat("word", 150))));
    }

    [Fact]
    public void Parse_TruncatedResponse_MarksOnlyLastPiece()
    {
        // Arrange
        var response = "Name three rivers in South America.\n2. Give a recipe for pancakes with";

        // Act
        var parsed = EnsembleInstructionParser.Parse(response, truncated: true);

        // Assert
        Assert.True(parsed[0].IsValid);
        Assert.Equal("truncated", parsed[1].Reason);
        Assert.All(parsed, p => Assert.True(p.Reason is null || EnsembleInstructionParser.Reasons.Contains(p.Reason)));
    }
}
