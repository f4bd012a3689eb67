using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>A step that drops more than <c>run.warn_drop_fraction</c> of its input is named on stderr and in the manifest's notes.</summary>
public sealed class DropShareNotesTests
{
    [Fact]
    public async Task Run_StepDropsMostOfItsInput_NotedOnStderrAndInTheManifest_UnlessUnderTheSetShare()
    {
        // Arrange: the sample step keeps a fifth of what it receives.
        using var temp = new TempFolder();
        string[] common = ["run", "pipelines/sample-seeds.toml", "--limit", "20", "--set", "steps.half.fraction=0.2"];

        // Act
        var noted = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. common, "--out", temp.Combine("noted")]);
        var quiet = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. common, "--set", "run.warn_drop_fraction=0.95", "--out", temp.Combine("quiet")]);

        // Assert
        Assert.True(noted.ExitCode == 0, noted.ToString());
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Matches(@"note: step 'half' dropped \d+ of the \d+ records it received \(\d+(\.\d)?%\), more than run\.warn_drop_fraction \(50%\): not_sampled \d+", noted.Stderr);
        using var manifest = RunFolderAssert.Manifest(temp.Combine("noted"));
        Assert.Contains(manifest.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("step 'half' dropped ", StringComparison.Ordinal));
        Assert.DoesNotContain("step 'half' dropped", quiet.Stderr, StringComparison.Ordinal);
        Assert.Equal(RunFolderAssert.ShardBytes(temp.Combine("noted")), RunFolderAssert.ShardBytes(temp.Combine("quiet"))); // a note never changes the data
    }
}
