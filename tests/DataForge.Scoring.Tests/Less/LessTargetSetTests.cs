using DataForge.Scoring.Less;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class LessTargetSetTests
{
    [Fact]
    public void Parse_GoodFile_GroupsBySubtaskInOrderOfFirstAppearance()
    {
        // Arrange
        const string text = "\uFEFF{\"instruction\":\"Add 2 and 3.\",\"output\":\"5\",\"subtask\":\"arithmetic\"}\r\n\n"
            + "{\"instruction\":\"Name a prime.\",\"input\":\"below 10\",\"output\":\"7\",\"subtask\":\"primes\",\"id\":\"x\"}\n"
            + "{\"instruction\":\"Add 1 and 1.\",\"output\":\"2\",\"subtask\":\"arithmetic\"}\n"
            + "{\"instruction\":\"Say hi.\",\"input\":null,\"output\":\"hi\"}\n";

        // Act
        var (set, problems) = LessTargetSet.Parse(text);

        // Assert
        Assert.Empty(problems);
        Assert.NotNull(set);
        Assert.Equal(["arithmetic", "primes", LessTargetSet.DefaultSubtask], set.Subtasks);
        Assert.Equal(4, set.Examples.Count);
        Assert.Equal(new LessTarget("Name a prime.", "below 10", "7", "primes", 3), set.Examples[1]);
        Assert.Equal(5, set.Examples[3].Line);
    }

    [Fact]
    public void Parse_BadLines_ReportsEachWithItsLine()
    {
        // Arrange
        const string text = "{\"instruction\":\"ok\",\"output\":\"fine\"}\n"
            + "{not json\n"
            + "[1, 2]\n"
            + "{\"instruction\":\"no answer\"}\n"
            + "{\"instruction\":\"x\",\"output\":3}\n"
            + "{\"instruction\":\" \",\"output\":\"y\"}\n";

        // Act
        var (set, problems) = LessTargetSet.Parse(text);

        // Assert
        Assert.Null(set);
        Assert.Equal([2, 3, 4, 5, 6], problems.Select(p => p.Line));
        Assert.StartsWith("not valid JSON", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("not a JSON object", problems[1].Message);
        Assert.Equal("missing 'output'", problems[2].Message);
        Assert.Equal("'output' must be a string", problems[3].Message);
        Assert.Equal("empty 'instruction'", problems[4].Message);
    }

    [Fact]
    public void Parse_Empty_IsAProblem()
    {
        // Act
        var (set, problems) = LessTargetSet.Parse("\n\n");

        // Assert
        Assert.Null(set);
        Assert.Equal(0, Assert.Single(problems).Line);
    }

    [Fact]
    public void Sha256_SameExamplesAnyLayout_Same()
    {
        // Act
        var a = LessTargetSet.Parse("{\"instruction\":\"a\",\"output\":\"b\"}\n").Set!;
        var b = LessTargetSet.Parse("{ \"output\": \"b\", \"instruction\": \"a\" }\r\n\r\n").Set!;
        var c = LessTargetSet.Of([new LessTarget("a", null, "b", LessTargetSet.DefaultSubtask)]);
        var d = LessTargetSet.Parse("{\"instruction\":\"a\",\"output\":\"c\"}\n").Set!;

        // Assert
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal(a.Sha256, c.Sha256);
        Assert.NotEqual(a.Sha256, d.Sha256);
        Assert.Throws<ArgumentException>(() => LessTargetSet.Of([]));
    }
}
