using DataForge.Generation.Ensemble;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleInstanceParserTests
{
    [Fact]
    public void Parse_WithInputSingleLines_ReturnsInputAndOutput()
    {
        // Arrange
        var raw = "input: The food was cold.\noutput: negative\n|EoS|";

        // Act
        var instance = EnsembleInstanceParser.Parse(raw, EnsembleTaskType.WithInput);

        // Assert
        Assert.Equal(new ParsedInstance("The food was cold.", "negative", null), instance);
    }

    [Fact]
    public void Parse_WithInputMultiLineCode_KeepsBothWhole()
    {
        // Arrange: a blank line and an "output:" line inside the fence must not end anything
        var raw = "input: def f(x):\n    return x +\noutput: The expression is incomplete. Fixed:\n```python\ndef f(x):\n\n    output: int = x + 1\n    return output\n```\n|EoS|\n\ninstruction: something else";

        // Act
        var instance = EnsembleInstanceParser.Parse(raw, EnsembleTaskType.WithInput);

        // Assert
        Assert.True(instance.IsValid);
        Assert.Equal("def f(x):\n    return x +", instance.Input);
        Assert.Equal("The expression is incomplete. Fixed:\n```python\ndef f(x):\n\n    output: int = x + 1\n    return output\n```", instance.Output);
    }

    [Fact]
    public void Parse_OutputOnlyCodeOnFollowingLines_KeepsIndentation()
    {
        // Arrange
        var raw = "Output:\n```python\nfor i in range(3):\n    print(i)\n```\n";

        // Act
        var instance = EnsembleInstanceParser.Parse(raw, EnsembleTaskType.OutputOnly);

        // Assert
        Assert.Equal(new ParsedInstance("", "```python\nfor i in range(3):\n    print(i)\n```", null), instance);
    }

    [Fact]
    public void Parse_OutputFollowedByNextTask_StopsBeforeIt()
    {
        // Arrange: no |EoS|; the model went on with a new task after a blank line
        var raw = "output: Ottawa.\n\ninstruction: Name the capital of Peru.\noutput: Lima.";

        // Act
        var instance = EnsembleInstanceParser.Parse(raw, EnsembleTaskType.OutputOnly);

        // Assert
        Assert.Equal("Ottawa.", instance.Output);
    }

    [Theory]
    [InlineData("output: 42", EnsembleTaskType.WithInput, "missing_input")]
    [InlineData("", EnsembleTaskType.WithInput, "missing_input")]
    [InlineData("input: some text\n|EoS|\noutput: late", EnsembleTaskType.WithInput, "missing_output")]
    [InlineData("input:   \noutput: 42", EnsembleTaskType.WithInput, "empty_input")]
    [InlineData("input: x\noutput:   \n|EoS|", EnsembleTaskType.WithInput, "empty_output")]
    [InlineData("input: x\noutput: y", EnsembleTaskType.OutputOnly, "unexpected_input")]
    [InlineData("The answer is 42.", EnsembleTaskType.OutputOnly, "missing_output")]
    [InlineData("output: |EoS|", EnsembleTaskType.OutputOnly, "empty_output")]
    public void Parse_InvalidInstance_GivesReason(string raw, EnsembleTaskType type, string expected)
    {
        // Arrange / Act
        var instance = EnsembleInstanceParser.Parse(raw, type);

        // Assert
        Assert.False(instance.IsValid);
        Assert.Equal(expected, instance.Reason);
        Assert.Contains(expected, EnsembleInstanceParser.Reasons);
    }

    [Fact]
    public void Parse_CrLfLineEnds_SameAsLf()
    {
        // Arrange
        var raw = "input: a\r\nb\r\noutput: c\r\nd\r\n";

        // Act
        var instance = EnsembleInstanceParser.Parse(raw, EnsembleTaskType.WithInput);

        // Assert
        Assert.Equal(new ParsedInstance("a\nb", "c\nd", null), instance);
    }
}
