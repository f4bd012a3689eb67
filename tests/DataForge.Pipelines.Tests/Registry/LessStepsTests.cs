using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

public sealed class LessStepsTests
{
    private static Exception Build(TempFolder folder, string target)
    {
        Assert.True(StepRegistry.CreateDefault().TryGet("select-less", out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        values["model"] = "tiny";
        values["target"] = target;
        var resources = new RunResources(folder.Path, "run", Path.Combine(folder.Path, "out", ".staging-run", "data"), null, () => throw new NotSupportedException());
        return Record.Exception(() => definition.Factory(new StepBuildContext("less", new ResolvedOptions(values), resources)));
    }

    [Fact]
    public void Build_BadTargetLines_ThrowsOneDiagnosticPerLineNamingTheFile()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("targets/math.jsonl", "{\"instruction\":\"Add 2 and 2.\",\"output\":\"4\"}\n{broken\n{\"instruction\":\"Add 1 and 1.\"}\n");

        // Act
        var error = Build(folder, "targets/math.jsonl");

        // Assert: found before any model is built.
        var config = Assert.IsType<DataForgeConfigException>(error);
        Assert.Equal([2, 3], config.Diagnostics.Select(d => d.Line));
        Assert.All(config.Diagnostics, d => Assert.Equal("targets/math.jsonl", d.File));
        Assert.Contains("targets/math.jsonl(3,1): error DF1006: target example: missing 'output'", config.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GoodTargetsButNoModels_FailsOnTheModelNotTheTargets()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("targets.jsonl", "{\"instruction\":\"Add 2 and 2.\",\"output\":\"4\",\"subtask\":\"sums\"}\n");

        // Act
        var error = Build(folder, "targets.jsonl");

        // Assert
        Assert.IsType<KeyNotFoundException>(error);
    }
}
