using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>output/NAME/latest</c> is a relative symbolic link to the newest clean run, usable by <c>cd</c> and <c>inspect</c>.</summary>
public sealed class LatestLinkTests
{
    [Fact]
    public async Task Run_InDefaultPlace_LatestIsRelativeLinkToTheNewestRun_InspectFollowsIt()
    {
        // Arrange: the repo's small pipeline, run from another folder so output/ lands there.
        using var temp = new TempFolder();
        var pipeline = Path.Combine(CliRunner.RepoRoot, "pipelines", "sample-seeds.toml");
        var latest = temp.Combine("output", "sample-seeds", "latest");

        // Act
        var first = await CliRunner.RunAsync(temp.Path, "run", pipeline);
        var firstTarget = new FileInfo(latest).LinkTarget;
        var second = await CliRunner.RunAsync(temp.Path, "run", pipeline, "--seed", "2");
        var inspectLink = await CliRunner.RunAsync(temp.Path, "inspect", "output/sample-seeds/latest");
        var inspectFolder = await CliRunner.RunAsync(temp.Path, "inspect", "output/sample-seeds");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var target = new FileInfo(latest).LinkTarget;
        Assert.NotNull(firstTarget);
        Assert.NotNull(target);
        Assert.NotEqual(firstTarget, target);
        Assert.DoesNotContain("/", target, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(latest, "manifest.json")), "latest must be a folder one can cd into");
        Assert.Equal(target, RunFolderAssert.Manifest(latest).RootElement.GetProperty("run_id").GetString());
        Assert.True(inspectLink.ExitCode == 0, inspectLink.ToString());
        Assert.True(inspectFolder.ExitCode == 0, inspectFolder.ToString());
        Assert.Contains($"run {target} ", inspectLink.Stdout, StringComparison.Ordinal);
        Assert.Contains($"run {target} ", inspectFolder.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Combine("output", "sample-seeds"), ".latest-*"));
    }
}
