using System.Diagnostics;
using Xunit;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>A build killed with SIGKILL at any point: the next build completes, publishes, and recomputes nothing that had finished.</summary>
public sealed class BuildCrashTests
{
    private static readonly string[] ModelAndLinterSteps = ["evolve", "score", "edits"];

    [Theory]
    [InlineData("before-publish")]
    [InlineData("published")]
    [InlineData("latest-switched")]
    public async Task Build_KilledAtAPoint_NextBuildPublishesWithoutRecomputing(string point)
    {
        // Arrange: a build that dies (SIGKILL, as kill -9) at the named point.
        using var workspace = BuildWorkspace.Default(instructions: 6, programs: 1);
        using var doomed = workspace.Start(point);
        var killed = await BuildWorkspace.FinishAsync(doomed);
        Assert.True(killed.ExitCode == 137, killed.ToString());

        // Act
        var next = await workspace.BuildAsync();

        // Assert: one complete build, latest names it, no leftovers, and no model or linter work was redone.
        Assert.True(next.ExitCode == 0, next.ToString());
        var build = Assert.Single(workspace.Published());
        RunFolderAssert.ShardsMatchManifest(build);
        Assert.Equal(Path.GetFileName(build), new FileInfo(Path.Combine(workspace.PipelineBuilds(), "latest")).LinkTarget);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(workspace.PipelineBuilds()), e => Path.GetFileName(e) is var n && (n.StartsWith(".staging-", StringComparison.Ordinal) || n.StartsWith(".lock-", StringComparison.Ordinal) || n == "build.lock"));
        if (point == "before-publish")
        {
            Assert.Equal("built", BuildWorkspace.SummaryField(next, "status"));
            var ledger = await workspace.LedgerAsync(build);
            Assert.All(ModelAndLinterSteps, step => Assert.True(ledger[step].Computed == 0 && ledger[step].CacheHits > 0, $"{step}: computed {ledger[step].Computed}, cached {ledger[step].CacheHits}"));
        }
        else
        {
            // The killed build had published: nothing is new, so nothing runs (latest is switched if the kill came first).
            Assert.Equal("unchanged", BuildWorkspace.SummaryField(next, "status"));
        }
    }

    [Fact]
    public async Task Build_KilledWhileComputing_NextBuildReusesFinishedWorkAndEqualsACleanBuild()
    {
        // Arrange: a build killed once the evolution round has emitted some records.
        using var workspace = BuildWorkspace.Default(instructions: 12, programs: 1);
        using var doomed = workspace.Start(null, "--progress-interval", "0.2");
        await KillWhenAsync(doomed, line => EvolvedSoFar(line) >= 8);

        // Act: the next build, and a clean build of the same inputs in another builds folder.
        var next = await workspace.BuildAsync();
        var clean = await CliRunner.RunAsync(workspace.Path, "build", "--builds", workspace.Combine("clean"));

        // Assert: the next build reused the finished evolutions and its shards equal the clean build's byte for byte.
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var build = Assert.Single(workspace.Published());
        var evolve = (await workspace.LedgerAsync(build))["evolve"];
        Assert.True(evolve.CacheHits >= 1 && evolve.Computed < evolve.Received, $"evolve: computed {evolve.Computed}, cached {evolve.CacheHits} of {evolve.Received}");
        Assert.Equal(RunFolderAssert.ShardBytes(BuildWorkspace.SummaryField(clean, "dir")), RunFolderAssert.ShardBytes(build));
        Assert.Contains("marked crashed in the run store's ledger", next.Stderr, StringComparison.Ordinal);
        Assert.Equal(["crashed", "finished"], await workspace.AttemptsAsync(build));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(workspace.PipelineBuilds()), e => Path.GetFileName(e).StartsWith(".staging-", StringComparison.Ordinal));
    }

    // "evolve: in N out M": M records out of the evolution step so far.
    private static int EvolvedSoFar(string line)
    {
        var at = line.IndexOf("evolve: in ", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var parts = line[at..].Split(' ');
        return int.TryParse(parts[4], out var emitted) ? emitted : 0;
    }

    private static async Task KillWhenAsync(Process process, Func<string, bool> condition)
    {
        _ = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (condition(line))
            {
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 137, $"the build ended by itself (exit {process.ExitCode}) before it could be killed");
    }
}
