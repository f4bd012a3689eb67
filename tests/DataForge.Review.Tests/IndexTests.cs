using DataForge.Review.Index;
using DataForge.Testing;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>The sidecar index: every row, beside (never inside) the run folder, rebuilt when the manifest changes.</summary>
[Collection(SharedRuns.Name)]
public sealed class IndexTests(ReviewRuns runs)
{
    [Fact]
    public async Task Open_SampleRun_IndexesEveryRowOnceBesideTheRunFolder()
    {
        // Arrange
        var target = ReviewTarget.Resolve(runs.Sample);

        // Act
        var (index, _) = await ReviewIndex.OpenAsync(target.Runs[0], target.IndexDirectory, CancellationToken.None);
        var (_, builtAgain) = await ReviewIndex.OpenAsync(target.Runs[0], target.IndexDirectory, CancellationToken.None);

        // Assert
        Assert.Equal(ReviewTargetKind.Run, target.Kind);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Sample)}"), index.Count);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(runs.Sample)!, ".review"), target.IndexDirectory);
        Assert.False(index.FilePath.StartsWith(runs.Sample + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(runs.Sample, "*.sqlite*", SearchOption.AllDirectories));
        Assert.False(builtAgain);
    }

    [Fact]
    public async Task Open_AfterTheManifestChanged_RebuildsTheIndex()
    {
        // Arrange
        using var temp = new TempFolder();
        TempFolder.CopyFolder(runs.Sample, temp.Combine("run"));
        var run = new ReviewRun("run", temp.Combine("run"));
        var (_, first) = await ReviewIndex.OpenAsync(run, temp.Combine("index"), CancellationToken.None);
        File.AppendAllText(temp.Combine("run", "manifest.json"), "\n");

        // Act
        var (index, second) = await ReviewIndex.OpenAsync(run, temp.Combine("index"), CancellationToken.None);

        // Assert
        Assert.True(first);
        Assert.True(second);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Sample)}"), index.Count);
    }

    [Fact]
    public async Task Resolve_BuildsFolder_ListsEveryBuildNewestFirst_AndKeepsTheIndexInDotReview()
    {
        // Arrange + Act
        var target = ReviewTarget.Resolve(runs.Builds);
        await using var served = await Served.StartAsync(runs.Builds);

        // Assert
        Assert.Equal(ReviewTargetKind.Builds, target.Kind);
        Assert.Equal(2, target.Runs.Count);
        Assert.True(string.CompareOrdinal(target.Runs[0].Name, target.Runs[1].Name) > 0);
        Assert.Equal(Path.Combine(runs.Builds, "verdicts.jsonl"), target.VerdictsFile);
        Assert.True(File.Exists(Path.Combine(runs.Builds, ".review", target.Runs[0].Name + ".index.sqlite")));
        Assert.Equal(2, new DataForge.Pipelines.Builds.BuildsFolder(runs.Builds).Published().Count);
        Assert.Empty(new DataForge.Pipelines.Builds.BuildsFolder(runs.Builds).RemoveLeftovers());
    }

    [Fact]
    public async Task Open_Again_ReadsTheStoredAggregates_EqualToFreshlyComputedOnes()
    {
        // Arrange
        using var temp = new TempFolder();
        var run = new ReviewRun("run", runs.Default);
        var (built, _) = await ReviewIndex.OpenAsync(run, temp.Path, CancellationToken.None);

        // Act
        var (reopened, again) = await ReviewIndex.OpenAsync(run, temp.Path, CancellationToken.None);

        // Assert
        Assert.False(again);
        Assert.Equal(built.Facet("reason"), reopened.Facet("reason"));
        Assert.Equal(built.HistogramOf("ic_ifd", ReviewIndex.HistogramBins)!.Kept, reopened.HistogramOf("ic_ifd", ReviewIndex.HistogramBins)!.Kept);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Default)} WHERE ic_ifd IS NOT NULL"), reopened.HistogramOf("ic_ifd", ReviewIndex.HistogramBins)!.Kept.Concat(reopened.HistogramOf("ic_ifd", ReviewIndex.HistogramBins)!.Dropped).Sum());
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Default)} WHERE NOT kept"), reopened.Facet("reason").Sum(f => f.Rejected));
        var kinds = Duck.Rows($"SELECT kind, count(*) FILTER (WHERE kept), count(*) FILTER (WHERE NOT kept) FROM {Duck.All(runs.Default)} GROUP BY kind ORDER BY count(*) DESC, kind");
        Assert.Equal(kinds.Select(r => ((string)r[0]!, Convert.ToInt64(r[1]), Convert.ToInt64(r[2]))), reopened.Facet("kind"));
    }

    [Fact]
    public void Resolve_AFolderWithoutRuns_Throws()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act + Assert
        var error = Assert.Throws<ReviewPathException>(() => ReviewTarget.Resolve(temp.Path));
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
    }
}
