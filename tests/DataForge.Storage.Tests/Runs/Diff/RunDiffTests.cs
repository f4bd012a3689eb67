using DataForge.Core.Records;
using DataForge.Storage.Runs;
using DataForge.Storage.Runs.Diff;
using DataForge.Testing;
using Xunit;
using static DataForge.Storage.Tests.Runs.Diff.HandMadeRun;

namespace DataForge.Storage.Tests.Runs.Diff;

public sealed class RunDiffTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ComputeAsync_TwoFolders_CountsRecordsAddedRemovedChangedAndUnchangedById()
    {
        // Arrange: a goes, c gets another output, d differs only in run_id (not a change), e and f come.
        await WriteAsync(_folder.Combine("a"), "run-a", [Kept("a"), Kept("b"), Kept("c"), Kept("d", runId: "run-a")], [Rejected("x")]);
        await WriteAsync(_folder.Combine("b"), "run-b", [Kept("b"), Kept("c", output: "other"), Kept("d", runId: "run-b"), Kept("e"), Kept("f")], [Rejected("x"), Rejected("y")]);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None);

        // Assert
        Assert.Equal(new RecordChanges(Added: 2, Removed: 1, Changed: 1, Unchanged: 2), diff.Kept);
        Assert.Equal(new RecordChanges(Added: 1, Removed: 0, Changed: 0, Unchanged: 1), diff.Rejected);
        Assert.Equal(("run-a", 4L, 1L), (diff.Before.RunId, diff.Before.Kept, diff.Before.Rejected));
        Assert.Equal(("run-b", 5L, 2L), (diff.After.RunId, diff.After.Kept, diff.After.Rejected));
        Assert.Equal(_folder.Combine("b"), diff.After.Folder);
    }

    [Fact]
    public async Task ComputeAsync_AfterFolderWithoutManifestYet_ReadsTheShardsTheGivenManifestLists()
    {
        // Arrange: the newer folder is a staging folder: shards written, manifest.json not yet.
        var before = await WriteAsync(_folder.Combine("a"), "run-a", [Kept("a")], []);
        var after = await WriteAsync(_folder.Combine("staging"), "run-b", [Kept("a"), Kept("b")], [], writeManifest: false);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), before, _folder.Combine("staging"), after, CancellationToken.None);

        // Assert
        Assert.False(File.Exists(_folder.Combine("staging", "manifest.json")));
        Assert.Equal(new RecordChanges(1, 0, 0, 1), diff.Kept);
    }

    [Fact]
    public async Task ComputeAsync_FolderWithoutManifest_ThrowsNamingIt()
    {
        // Arrange
        await WriteAsync(_folder.Combine("a"), "run-a", [Kept("a")], []);
        Directory.CreateDirectory(_folder.Combine("empty"));

        // Act
        var failure = await Assert.ThrowsAsync<FileNotFoundException>(() => RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("empty"), CancellationToken.None));

        // Assert
        Assert.Contains(_folder.Combine("empty"), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_StepCounts_PairsStepsAndReasonsOfBothManifests()
    {
        // Arrange: "lint" is new, "old" is gone, "half" drops more for one reason and a new one for another.
        var before = new Dictionary<string, ManifestStepCount> { ["read"] = Step(10, 10), ["half"] = Step(10, 5, ("not_sampled", 5)), ["old"] = Step(5, 5) };
        var after = new Dictionary<string, ManifestStepCount> { ["read"] = Step(12, 12), ["lint"] = Step(12, 11, ("lint_error", 1)), ["half"] = Step(11, 4, ("not_sampled", 6), ("too_long", 1)) };
        await WriteAsync(_folder.Combine("a"), "run-a", [], [], before);
        await WriteAsync(_folder.Combine("b"), "run-b", [], [], after);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None);

        // Assert: the newer pipeline's order, then the steps only the older one had.
        Assert.Equal(["read", "lint", "half", "old"], diff.Steps.Select(s => s.Step));
        Assert.Null(diff.Steps[1].Before);
        Assert.Null(diff.Steps[3].After);
        Assert.Equal([("not_sampled", 5L, 6L), ("too_long", 0L, 1L)], diff.Steps[2].Dropped.Select(d => (d.Reason, d.Before, d.After)));
        Assert.Equal(1, diff.Steps[2].Dropped[0].Change);
    }

    [Fact]
    public async Task ComputeAsync_ManyReasonChanges_KeepsTheTenLargestByAbsoluteChangeThenName()
    {
        // Arrange: eleven reasons of "s" change by 1..11, up or down; ties of 12 (one step) and 11 (two steps) are ordered by step, then reason.
        var before = new Dictionary<string, ManifestStepCount> { ["s"] = Step(100, 0, [.. Enumerable.Range(1, 11).Select(i => ($"r{i:D2}", i % 2 == 0 ? 20L : 0L))]) };
        var after = new Dictionary<string, ManifestStepCount>
        {
            ["s"] = Step(100, 0, [.. Enumerable.Range(1, 11).Select(i => ($"r{i:D2}", i % 2 == 0 ? 20L - i : i))]),
            ["b"] = Step(24, 0, ("same", 12L), ("other", 12L)),
            ["a"] = Step(11, 0, ("z", 11L)),
        };
        await WriteAsync(_folder.Combine("a"), "run-a", [], [], before);
        await WriteAsync(_folder.Combine("b"), "run-b", [], [], after);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None);

        // Assert
        Assert.Equal(RunDiff.TopReasons, diff.TopReasonChanges.Count);
        Assert.Equal(
            ["b/other +12", "b/same +12", "a/z +11", "s/r11 +11", "s/r10 -10", "s/r09 +9", "s/r08 -8", "s/r07 +7", "s/r06 -6", "s/r05 +5"],
            diff.TopReasonChanges.Select(c => $"{c.Step}/{c.Reason} {c.Change:+#;-#;0}"));
    }

    [Fact]
    public async Task ComputeAsync_ScoresWritten_DriftComesFromTheManifests()
    {
        // Arrange
        var before = new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>> { ["written"] = new Dictionary<string, ScoreSummary> { ["ifd"] = new(4, 0.5, 0.1, 0.5, 0.9) } };
        var after = new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>> { ["written"] = new Dictionary<string, ScoreSummary> { ["ifd"] = new(6, 0.6, 0.2, 0.6, 0.95), ["less"] = new(6, 1, 1, 1, 1) } };
        await WriteAsync(_folder.Combine("a"), "run-a", [], [], scores: before);
        await WriteAsync(_folder.Combine("b"), "run-b", [], [], scores: after);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None);

        // Assert
        Assert.Equal(["ifd", "less"], diff.Scores.Select(s => s.Score));
        Assert.Equal((4L, 6L), (diff.Scores[0].Before!.Count, diff.Scores[0].After!.Count));
        Assert.Equal(0.6, diff.Scores[0].After!.Mean);
        Assert.Null(diff.Scores[1].Before);
    }

    [Fact]
    public async Task ComputeAsync_ManifestWithoutScoresWritten_DriftIsComputedFromTheDataShards()
    {
        // Arrange: the older manifest has no scores; its shards do.
        await WriteAsync(_folder.Combine("a"), "run-a", [Kept("a", ifd: 1), Kept("b", ifd: 2), Kept("c", ifd: 3), Kept("d")], []);
        var after = new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>> { ["written"] = new Dictionary<string, ScoreSummary> { ["ifd"] = new(1, 5, 5, 5, 5) } };
        await WriteAsync(_folder.Combine("b"), "run-b", [Kept("a", ifd: 5)], [], scores: after);

        // Act
        var diff = await RunDiff.ComputeAsync(_folder.Combine("a"), _folder.Combine("b"), CancellationToken.None);

        // Assert
        var ifd = Assert.Single(diff.Scores);
        Assert.Equal(new ScoreSummary(3, 2, 1, 2, 3), ifd.Before);
        Assert.Equal(new ScoreSummary(1, 5, 5, 5, 5), ifd.After);
    }
}
