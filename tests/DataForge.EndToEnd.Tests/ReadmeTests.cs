using DataForge.Core.Diagnostics;
using System.Reflection;
using DataForge.Pipelines;
using DataForge.Pipelines.Registry;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// The README and the reference pages in <c>docs/</c> must keep up with the code: the two commands,
/// a row per step type naming each of its keys, every diagnostic code.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
    private static readonly string Pipelines = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "docs", "pipelines.md"));
    private static readonly string Diagnostics = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "docs", "diagnostics.md"));

    [Fact]
    public void Readme_StartsWithTheTwoCommands()
    {
        // Act
        var start = Readme.IndexOf("```", StringComparison.Ordinal);
        var block = Readme[(start + 3)..Readme.IndexOf("```", start + 3, StringComparison.Ordinal)].Trim('\n').Split('\n');

        // Assert
        Assert.Equal(2, block.Length);
        Assert.StartsWith("./dataforge run ", block[0], StringComparison.Ordinal);
        Assert.StartsWith("./dataforge test ", block[1], StringComparison.Ordinal);
        Assert.Equal("./dataforge test", File.ReadAllLines(Path.Combine(CliRunner.RepoRoot, ".ci", "run")).Last().Replace("exec ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_IsAFrontPage()
    {
        // Assert: short, and it links every reference page.
        Assert.True(Readme.Split('\n').Length <= 260, $"README.md has {Readme.Split('\n').Length} lines; move detail into docs/.");
        foreach (var page in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "docs"), "*.md"))
        {
            Assert.Contains($"](docs/{Path.GetFileName(page)}", Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StepOverview_HasOneRowPerStepTypeWithItsRole()
    {
        // Arrange: the keys themselves are in the generated docs/reference.md (checked against the definitions by the Pipelines tests).
        var registry = StepRegistry.CreateDefault();

        // Assert
        Assert.NotEmpty(registry.Types);
        foreach (var type in registry.Types)
        {
            Assert.Contains($"| {type.Role.ToString().ToLowerInvariant()} |", StepRow(type.Type), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StepOverview_RowTest_FailsForAMissingType()
    {
        // Assert: the check reads one row per type, not the whole page.
        Assert.Throws<Xunit.Sdk.TrueException>(() => StepRow("no-such-step"));
        Assert.Contains("| filter |", StepRow("sample"), StringComparison.Ordinal);
        Assert.DoesNotContain("| filter |", StepRow("lintseq"), StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_ListsEveryDiagnosticCode()
    {
        // Arrange
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        // Assert
        Assert.True(codes.Count >= 10);
        foreach (var code in codes)
        {
            Assert.Contains($"| {code} |", Diagnostics, StringComparison.Ordinal);
        }
    }

    /// <summary>The table row of step type <paramref name="type"/> in docs/pipelines.md (exactly one).</summary>
    private static string StepRow(string type)
    {
        var rows = Pipelines.Split('\n').Where(line => line.StartsWith($"| `{type}` |", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 1, $"docs/pipelines.md has {rows.Count} table rows for step type `{type}`; expected one.");
        return rows[0];
    }
}
