using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class PyflakesLinterTests : IClassFixture<PyflakesFixture>
{
    private readonly PyflakesLinter _linter;

    public PyflakesLinterTests(PyflakesFixture fixture) => _linter = fixture.Linter;

    [Fact]
    public async Task LintAsync_UnusedImportAndVariable_AreNotErrors()
    {
        // Arrange
        const string program = "import os\n\n\ndef f():\n    x = 1\n    return f'no placeholders'\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_UndefinedName_IsAnErrorOnItsLine()
    {
        // Arrange
        const string program = "import os\nx = 1\nprint(y)\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal((3, "UndefinedName"), (message.Line, message.Code));
        Assert.Equal("undefined name 'y'", message.Message);
    }

    [Fact]
    public async Task LintAsync_SyntaxError_ReturnsOneMessageOnItsLine()
    {
        // Arrange
        const string program = "a = 1\nb = 2\n    c = 3\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal((3, "SyntaxError"), (message.Line, message.Code));
    }

    [Theory]
    [InlineData("return 1\n", "ReturnOutsideFunction")]
    [InlineData("break\n", "BreakOutsideLoop")]
    [InlineData("def f(a, a):\n    return a\n", "DuplicateArgument")]
    [InlineData("def f():\n    print(x)\n    x = 1\n\n\nx = 2\n", "UndefinedLocal")]
    [InlineData("print('%s %s' % (1,))\n", "PercentFormatPositionalCountMismatch")]
    public async Task LintAsync_ProgramThatCannotRun_IsAnError(string program, string code)
    {
        // Arrange / Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        Assert.Contains(code, messages.Select(m => m.Code));
    }

    [Fact]
    public void CountedCodes_AreSortedAndUnique()
    {
        // Arrange
        var codes = PyflakesLinter.CountedCodes;

        // Act
        var sorted = codes.Order(StringComparer.Ordinal).Distinct().ToList();

        // Assert
        Assert.Equal(sorted, codes);
        Assert.DoesNotContain("UnusedImport", codes);
    }

    [Fact]
    public void RuleSet_NamesVersionAndListFingerprint()
    {
        // Arrange / Act
        var ruleSet = _linter.RuleSet;

        // Assert
        Assert.Equal("pyflakes", _linter.Name);
        Assert.Matches(@"^pyflakes-\d+\.\d+\.\d+:errors-[0-9a-f]{12}$", ruleSet);
    }
}
