using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge inspect</c> on a finished run: counts per step and reason, and histograms.</summary>
public sealed class InspectTests
{
    [Fact]
    public async Task Inspect_FinishedRunThroughLatest_PrintsStepsReasonsAndHistograms()
    {
        // Arrange: a run in the default place, so output/<name>/latest names it.
        using var temp = new TempFolder();
        var output = temp.Combine("output");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--out", Path.Combine(output, "sample-seeds", "r1"));
        File.WriteAllText(Path.Combine(output, "sample-seeds", "latest"), "r1\n");

        // Act
        var inspect = await CliRunner.RunAsync(CliRunner.RepoRoot, "inspect", Path.Combine(output, "sample-seeds"));
        var notARun = await CliRunner.RunAsync(CliRunner.RepoRoot, "inspect", temp.Path);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        foreach (var expected in new[] { "instructions", "dedup", "half", "not_sampled", "rejects by reason", "instruction length (chars), kept" })
        {
            Assert.Contains(expected, inspect.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(1, notARun.ExitCode);
        Assert.Contains("not a finished run folder", notARun.Stderr, StringComparison.Ordinal);
    }
}
