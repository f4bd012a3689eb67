using System.Text.Json.Nodes;
using DataForge.Storage.Runs;
using DataForge.Storage.Runs.Diff;
using DataForge.Testing;
using Xunit;
using static DataForge.Storage.Tests.Runs.Diff.HandMadeRun;

namespace DataForge.Storage.Tests.Runs.Diff;

/// <summary>The diff in <c>manifest.json</c>, in the dataset card, and its text and one-line forms.</summary>
public sealed class RunDiffManifestTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ManifestJson_WithDiff_RoundTripsItUnderDiff()
    {
        // Arrange
        var (manifest, diff) = await TwoRunsAsync();
        var path = _folder.Combine("manifest.json");

        // Act
        await ManifestJson.WriteAsync(manifest with { Diff = diff }, path, CancellationToken.None);
        var read = ManifestJson.Read(path);

        // Assert
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(1, json["diff"]!["kept"]!["removed"]!.GetValue<long>());
        Assert.Equal("not_sampled", json["diff"]!["top_reason_changes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(diff.Kept, read.Diff!.Kept);
        Assert.Equal(diff.Before, read.Diff.Before);
        Assert.Equal(RunDiffFormat.Text(diff), RunDiffFormat.Text(read.Diff));
    }

    [Fact]
    public async Task ManifestJson_WithoutDiff_LeavesItOutAndReadsOldManifests()
    {
        // Arrange
        var (manifest, _) = await TwoRunsAsync();
        var path = _folder.Combine("manifest.json");

        // Act
        await ManifestJson.WriteAsync(manifest, path, CancellationToken.None);
        var read = ManifestJson.Read(path);

        // Assert
        Assert.False(JsonNode.Parse(File.ReadAllText(path))!.AsObject().ContainsKey("diff"));
        Assert.Null(read.Diff);
        Assert.Equal(manifest.RunId, read.RunId);
    }

    [Fact]
    public async Task DatasetCard_WithDiff_HasTheChangesSection()
    {
        // Arrange
        var (manifest, diff) = await TwoRunsAsync();

        // Act
        var with = DatasetCard.Render(manifest with { Diff = diff });
        var without = DatasetCard.Render(manifest);

        // Assert
        Assert.Contains(RunDiffFormat.CardHeading + "\n", with, StringComparison.Ordinal);
        Assert.Contains("| kept | 1 | 1 | 0 | 1 |", with, StringComparison.Ordinal);
        Assert.Contains("| half | not_sampled | 1 | 2 | +1 |", with, StringComparison.Ordinal);
        Assert.True(with.IndexOf(RunDiffFormat.CardHeading, StringComparison.Ordinal) < with.IndexOf("## Loading", StringComparison.Ordinal));
        Assert.DoesNotContain(RunDiffFormat.CardHeading, without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_And_Text_ShowTheCounts()
    {
        // Arrange
        var (_, diff) = await TwoRunsAsync();

        // Act
        var summary = RunDiffFormat.Summary(diff);
        var text = RunDiffFormat.Text(diff);

        // Assert
        Assert.Equal("+1 -1 ~0 =1 kept; rejects +1 -0 ~0 =1", summary);
        Assert.Contains("kept records:     1 added, 1 removed, 0 changed, 1 unchanged", text, StringComparison.Ordinal);
        Assert.Contains("+1  half: not_sampled (1 -> 2)", text, StringComparison.Ordinal);
        Assert.Contains("ifd: count 1 -> 1, mean 1 -> 2,", text, StringComparison.Ordinal);
    }

    // Run a keeps a and b, run b keeps b and c; one more not_sampled reject.
    private async Task<(RunManifest After, RunDiff Diff)> TwoRunsAsync()
    {
        await WriteAsync(_folder.Combine("a"), "run-a", [Kept("a", ifd: 1), Kept("b")], [Rejected("x")], new Dictionary<string, ManifestStepCount> { ["half"] = Step(3, 2, ("not_sampled", 1)) });
        var after = await WriteAsync(_folder.Combine("b"), "run-b", [Kept("b"), Kept("c", ifd: 2)], [Rejected("x"), Rejected("y")], new Dictionary<string, ManifestStepCount> { ["half"] = Step(4, 2, ("not_sampled", 2)) });
        return (after, await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None));
    }
}
