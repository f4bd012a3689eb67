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
    public void StepNotes_NameOnlyRegisteredTypesWithTheirRoles()
    {
        // Arrange: docs/pipelines.md notes what shipped steps write; the keys are in the generated docs/reference.md.
        var registry = StepRegistry.CreateDefault();
        var rows = StepRows(Pipelines);

        // Assert: a row per step type at most, each naming a registered type and its role.
        Assert.True(rows.Count >= 10, $"docs/pipelines.md has {rows.Count} step rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Type).Distinct().Count());
        foreach (var (type, row) in rows)
        {
            Assert.True(registry.TryGet(type, out var definition), $"docs/pipelines.md names step type `{type}`, which does not exist");
            Assert.Contains($"| {definition.Role.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StepNotes_RowCheck_FailsForAnUnknownTypeAndAWrongRole()
    {
        // Arrange
        var rows = StepRows("| `no-such-step` | filter | x |\n| `sample` | map | x |\n");
        var registry = StepRegistry.CreateDefault();

        // Assert: the rows are read one by one, so both mistakes are visible.
        Assert.Equal(2, rows.Count);
        Assert.False(registry.TryGet(rows[0].Type, out _));
        Assert.True(registry.TryGet(rows[1].Type, out var sample));
        Assert.DoesNotContain($"| {sample.Role.ToString().ToLowerInvariant()} |", rows[1].Row, StringComparison.Ordinal);
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

    /// <summary>The table rows of a page that start with a step type in backticks.</summary>
    private static List<(string Type, string Row)> StepRows(string page)
        => [.. page.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal) && line.IndexOf("` |", StringComparison.Ordinal) > 3)
            .Select(line => (line[3..line.IndexOf("` |", StringComparison.Ordinal)], line))];
}
