using Xunit;
using DataForge.Testing;

namespace DataForge.EndToEnd.Tests;

/// <summary>A long barrier step's progress reaches the plain progress lines a redirected stderr gets.</summary>
public sealed class BarrierProgressLogTests
{
    [Fact]
    public async Task Run_SelectS2lWithStderrRedirected_ProgressLinesShowTheProxyTraining()
    {
        // Arrange: 24 records, proxy training of three epochs; a progress line every 50 ms.
        using var temp = new TempFolder();
        string[] args = ["run", "pipelines/select-s2l.toml", "--limit", "8", "--set", "steps.select.checkpoints=4", "--set", "steps.select.max_length=256", "--out", temp.Combine("run"), "--progress-interval", "0.05"];

        // Act
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, args);

        // Assert: while the barrier trains, its line carries the steps taken of the total; once done, no stale progress.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"select: in 24 out 0 dropped 0 \[proxy training \(steps\) \d+/\d+\]", run.Stderr);
        var last = run.Stderr.Split('\n').Last(l => l.Contains("select: in", StringComparison.Ordinal));
        Assert.Contains("select: in 24 out 7 dropped 17 done", last, StringComparison.Ordinal);
    }
}
