using System.Reflection;
using DataForge.Pipelines;
using DataForge.Pipelines.Registry;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The README is the pipeline reference: it must keep up with the code.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));

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
    public void Readme_DocumentsEveryStepTypeAndKey()
    {
        // Arrange
        var registry = StepRegistry.CreateDefault();

        // Assert
        Assert.NotEmpty(registry.Types);
        foreach (var type in registry.Types)
        {
            Assert.Contains($"| `{type.Type}` |", Readme, StringComparison.Ordinal);
            foreach (var option in type.Options)
            {
                Assert.Contains($"`{option.Key}`", Readme, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Readme_ListsEveryDiagnosticCode()
    {
        // Arrange
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        // Assert
        Assert.True(codes.Count >= 10);
        foreach (var code in codes)
        {
            Assert.Contains($"| {code} |", Readme, StringComparison.Ordinal);
        }
    }
}
