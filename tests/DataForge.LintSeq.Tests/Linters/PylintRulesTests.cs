using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class PylintRulesTests
{
    [Theory]
    [InlineData("E", "E1101", true)]
    [InlineData("F", "F0002", true)]
    [InlineData("W", "W0311", true)]
    [InlineData("W", "W0231", true)]
    [InlineData("W", "W0611", false)]
    [InlineData("C", "C0114", false)]
    [InlineData("R", "R1705", false)]
    public void Counts_Category_FollowsTheReferenceRuleSet(string category, string code, bool expected)
    {
        // Arrange
        var message = new PythonWorkerMessage(1, 0, code, category, "text");

        // Act
        var counts = PylintRules.Counts(message);

        // Assert
        Assert.Equal(expected, counts);
    }

    [Theory]
    [InlineData("Parsing failed: 'expected an indented block after function definition on line 2 (<unknown>, line 4)'", 2)]
    [InlineData("Parsing failed: 'closing parenthesis ')' does not match opening parenthesis '[' on line 7 (<unknown>, line 9)'", 7)]
    [InlineData("Parsing failed: 'invalid syntax (<unknown>, line 9)'", 9)]
    [InlineData("Parsing failed: 'something on line x (<unknown>, line 9)'", 9)]
    public void LineOf_SyntaxError_UsesTheLineNamedInTheText(string text, int expected)
    {
        // Arrange
        var message = new PythonWorkerMessage(9, 5, "E0001", "E", text);

        // Act
        var line = PylintRules.LineOf(message);

        // Assert
        Assert.Equal(expected, line);
    }

    [Fact]
    public void Apply_MixedMessages_KeepsCountedSortedByPosition()
    {
        // Arrange
        PythonWorkerMessage[] messages =
        [
            new(5, 0, "E0602", "E", "Undefined variable 'b'"),
            new(2, 0, "W0611", "W", "Unused import os"),
            new(1, 4, "E0602", "E", "Undefined variable 'a'"),
            new(3, 0, "W0311", "W", "Bad indentation. Found 1 spaces, expected 4"),
        ];

        // Act
        var counted = PylintRules.Apply(messages);

        // Assert
        Assert.Equal([(1, "E0602"), (3, "W0311"), (5, "E0602")], counted.Select(m => (m.Line, m.Code)));
    }
}
