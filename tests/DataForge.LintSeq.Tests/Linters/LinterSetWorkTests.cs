using DataForge.Core.Work;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

/// <summary>The linter set counts real checks only: a program answered from the run store is not checked again.</summary>
public sealed class LinterSetWorkTests
{
    private const string Program = "class A { void M() { int x = 1; } }\n";

    [Fact]
    public async Task ForAsync_SameProgramTwiceThroughTheStore_CountsOneCheck()
    {
        // Arrange
        var work = new WorkCounters();
        var cache = new InMemoryResultCache();
        await using var linters = new LinterSet("roslyn", new PythonLinterOptions(), new RoslynLinterOptions(), cache, work);
        var linter = await linters.ForAsync("csharp", CancellationToken.None);

        // Act
        await linter.LintAsync(Program, CancellationToken.None);
        await linter.LintAsync(Program, CancellationToken.None);
        await linter.LintAsync("class B { }\n", CancellationToken.None);

        // Assert
        Assert.Equal(2, work.Snapshot().LintChecks);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task ForAsync_NoStore_CountsEveryCheck()
    {
        // Arrange
        var work = new WorkCounters();
        await using var linters = new LinterSet("roslyn", new PythonLinterOptions(), new RoslynLinterOptions(), cache: null, work);
        var linter = await linters.ForAsync("csharp", CancellationToken.None);

        // Act
        await linter.LintAsync(Program, CancellationToken.None);
        await linter.LintAsync(Program, CancellationToken.None);

        // Assert
        Assert.Equal(2, work.Snapshot().LintChecks);
    }
}
