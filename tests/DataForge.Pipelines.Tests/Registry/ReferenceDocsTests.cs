using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Tests.TestKit;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

/// <summary>docs/reference.md is the rendering of the step definitions, never a hand-kept copy.</summary>
public sealed class ReferenceDocsTests
{
    [Fact]
    public void ReferenceFile_IsTheRenderingOfTheStepDefinitions()
    {
        // Arrange
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "reference.md")).ReplaceLineEndings("\n");

        // Act
        var rendered = PipelineReference.Render(StepRegistry.CreateDefault());

        // Assert
        Assert.True(committed == rendered, "docs/reference.md is stale: regenerate it with `./dataforge steps --markdown > docs/reference.md`");
    }

    [Fact]
    public void Reference_HasARowForEveryKeyOfEveryType()
    {
        // Arrange
        var registry = StepRegistry.CreateDefault();

        // Act
        var rendered = PipelineReference.Render(registry);

        // Assert
        foreach (var type in registry.Types)
        {
            var section = rendered[rendered.IndexOf($"\n## {type.Type}\n", StringComparison.Ordinal)..];
            foreach (var option in type.Options)
            {
                Assert.Contains($"| `{option.Key}` |", section.Split("\n## ")[1], StringComparison.Ordinal);
            }
        }
    }
}
