using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>One build per pipeline and builds folder: a second exits 75 at once; stale locks are taken over.</summary>
public sealed class BuildLockTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Build_TwoStartedAtOnce_ExactlyOnePublishesAndTheOtherExitsLocked()
    {
        // Arrange: the default pipeline on a few seeds (several seconds of model and linter work).
        using var workspace = BuildWorkspace.Default();

        // Act: two builds at the same moment.
        using var first = workspace.Start(null);
        using var second = workspace.Start(null);
        var results = await Task.WhenAll(BuildWorkspace.FinishAsync(first), BuildWorkspace.FinishAsync(second));

        // Assert: one built, the other said who holds the lock and exited 75; one complete build is published.
        var built = Assert.Single(results, r => r.ExitCode == 0);
        var locked = Assert.Single(results, r => r.ExitCode == 75);
        Assert.Equal("built", BuildWorkspace.SummaryField(built, "status"));
        Assert.Equal("locked", BuildWorkspace.SummaryField(locked, "status"));
        Assert.Matches("another build holds .*build.lock: pid [0-9]+ on ", locked.Stderr);
        var build = Assert.Single(workspace.Published());
        Assert.Equal(BuildWorkspace.SummaryField(built, "dir"), build);
        RunFolderAssert.ShardsMatchManifest(build);
        Assert.Equal(Path.GetFileName(build), new FileInfo(Path.Combine(workspace.PipelineBuilds(), "latest")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(workspace.PipelineBuilds(), "build.lock")));
    }

    [Fact]
    public async Task Build_LockOfALiveProcessOnThisHost_ExitsLockedNamingIt()
    {
        // Arrange: a lock held by this (live) test process, taken a minute ago.
        using var workspace = BuildWorkspace.SampleSeeds();
        using var self = Process.GetCurrentProcess();
        WriteLock(workspace, Environment.MachineName, self.Id, DateTimeOffset.UtcNow.AddMinutes(-1));

        // Act
        var result = await workspace.BuildAsync("sample-seeds.toml");

        // Assert: nothing built; the message names the holder; the lock is left alone.
        Assert.True(result.ExitCode == 75, result.ToString());
        Assert.Contains($"pid {self.Id} on {Environment.MachineName}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(workspace.Published("sample-seeds"));
        Assert.Contains($"\"pid\": {self.Id}", File.ReadAllText(Path.Combine(workspace.PipelineBuilds("sample-seeds"), "build.lock")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dead pid on this host", false)]
    [InlineData("another host, older than --lock-timeout", true)]
    public async Task Build_StaleLock_IsTakenOverAndLogged(string why, bool otherHost)
    {
        // Arrange: a lock whose holder is gone (a process that has exited) or too old to wait for.
        using var workspace = BuildWorkspace.SampleSeeds();
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        WriteLock(workspace, otherHost ? "some-other-host" : Environment.MachineName, gone.Id, DateTimeOffset.UtcNow.AddHours(otherHost ? -2 : 0));

        // Act
        var result = await workspace.BuildAsync("sample-seeds.toml", "--lock-timeout", "1h");

        // Assert: built, the takeover logged, the lock released afterwards.
        Assert.True(result.ExitCode == 0, $"{why}: {result}");
        Assert.Contains($"took over a stale lock: pid {gone.Id} on {(otherHost ? "some-other-host" : Environment.MachineName)}", result.Stderr, StringComparison.Ordinal);
        Assert.Single(workspace.Published("sample-seeds"));
        Assert.False(File.Exists(Path.Combine(workspace.PipelineBuilds("sample-seeds"), "build.lock")));
    }

    private static void WriteLock(BuildWorkspace workspace, string host, int pid, DateTimeOffset started)
    {
        Directory.CreateDirectory(workspace.PipelineBuilds("sample-seeds"));
        File.WriteAllText(
            Path.Combine(workspace.PipelineBuilds("sample-seeds"), "build.lock"),
            JsonSerializer.Serialize(new Dictionary<string, object> { ["host"] = host, ["pid"] = pid, ["started_utc"] = started, ["token"] = "abc" }, Indented));
    }
}
