using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class PylintLinterTests : IClassFixture<PylintFixture>
{
    private readonly PylintLinter _linter;

    public PylintLinterTests(PylintFixture fixture) => _linter = fixture.Linter;

    public static TheoryData<string> ConformanceFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in ConformanceFiles.Files)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConformanceFileNames))]
    public async Task LintAsync_ConformanceProgram_ReturnsLintFull(string fileName)
    {
        // Arrange
        using var doc = ConformanceFiles.Load(Path.Combine(ConformanceFiles.Folder, fileName));
        var program = doc.RootElement.GetProperty("program").GetString()!;
        var expected = ConformanceFiles.Expected(doc.RootElement.GetProperty("lint_full"));

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        Assert.Equal(expected.Order(), messages.Select(m => (m.Line, m.Code)).ToHashSet().Order());
    }

    [Fact]
    public async Task LintAsync_EveryConformanceClosureStep_ReturnsItsMessages()
    {
        // Arrange: every reduced program the reference linted (about 730), many under one module name.
        var steps = ConformanceFiles.Files.SelectMany(ConformanceFiles.ClosureSteps).ToList();

        // Act
        var results = await Task.WhenAll(steps.Select(async s =>
            (s.Name, s.Expected, Got: (await _linter.LintAsync(s.Program, CancellationToken.None)).Select(m => (m.Line, m.Code)).ToHashSet())));

        // Assert
        Assert.True(steps.Count > 700);
        var wrong = results.Where(r => !r.Got.SetEquals(r.Expected)).Select(r => r.Name).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task LintAsync_CleanProgram_ReturnsNothing()
    {
        // Arrange
        const string program = "def add(a, b):\n    return a + b\n\n\nprint(add(1, 2))\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_UndefinedName_ReturnsE0602OnItsLine()
    {
        // Arrange
        const string program = "import os\n\nx = 1\nprint(y)\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert: the unused import (W0611) and the missing docstring (C) do not count.
        var message = Assert.Single(messages);
        Assert.Equal((4, "E0602"), (message.Line, message.Code));
    }

    [Fact]
    public async Task LintAsync_NonAsciiProgram_KeepsTextAndLines()
    {
        // Arrange
        const string program = "greeting = \"héllo ✓ 😀\"\r\nprint(greeting, café)\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal((2, "E0602"), (message.Line, message.Code));
        Assert.Equal("Undefined variable 'café'", message.Message);
    }

    [Fact]
    public async Task LintAsync_MissingIndentedBlock_ReturnsTheHeaderLine()
    {
        // Arrange: pylint reports line 4; the text says "on line 2", which the reference uses.
        const string program = "x = 1\ndef f():\n\ny = 2\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal("E0001", message.Code);
        Assert.Contains("on line 2", message.Message, StringComparison.Ordinal);
        Assert.Equal(2, message.Line);
    }

    [Fact]
    public async Task LintAsync_PlainSyntaxError_ReturnsItsLine()
    {
        // Arrange
        const string program = "a = 1\nb = (2\nc = 3\n";

        // Act
        var messages = await _linter.LintAsync(program, CancellationToken.None);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal("E0001", message.Code);
        Assert.Equal(2, message.Line);
    }

    [Fact]
    public async Task LintAsync_AfterProgramAssignedIntoAModule_LaterProgramStillSeesTheError()
    {
        // Arrange: astroid records `os.extra = 1` on its cached `os` module unless the worker undoes it.
        const string reader = "import os\nprint(os.extra)\nprint(str.extra)\n";
        var before = await _linter.LintAsync(reader, CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            await _linter.LintAsync("import os\nos.extra = 1\nstr.extra = 2\n", CancellationToken.None);
        }

        // Act
        var after = await _linter.LintAsync(reader, CancellationToken.None);

        // Assert
        Assert.Equal([(2, "E1101"), (3, "E1101")], before.Select(m => (m.Line, m.Code)));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task LintAsync_SameModuleNameNewProgram_IsNotStale()
    {
        // Arrange
        await _linter.LintAsync("def helper():\n    return 1\n\nhelper()\n", CancellationToken.None);

        // Act
        var messages = await _linter.LintAsync("helper()\n", CancellationToken.None);

        // Assert
        Assert.Equal([(1, "E0602")], messages.Select(m => (m.Line, m.Code)));
    }

    [Fact]
    public void RuleSet_NamesVersionAndRules()
    {
        // Arrange / Act
        var ruleSet = _linter.RuleSet;

        // Assert
        Assert.Equal("pylint", _linter.Name);
        Assert.Matches(@"^pylint-\d+\.\d+\.\d+:E,F,W0311,W0231$", ruleSet);
    }
}
