using System.Text.Json.Nodes;
using DataForge.Storage.Runs;
using DataForge.Core.Records;
using Xunit;

namespace DataForge.Storage.Tests.Runs;

/// <summary>
/// Replacing a run folder: one switch, after which only the old run's own files are removed; and
/// the repair of what a kill part way through a switch leaves.
/// </summary>
public sealed class RunFolderSwitchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dataforge-runfolder-").FullName;

    private string Final => Path.Combine(_root, "run");

    [Fact]
    public async Task Publish_OverExistingRun_NewRunInPlace_OldOwnFilesRemoved_ForeignFileKeptAndReported()
    {
        // Arrange: an old run, to which a user added a file after the run started; a new run staged.
        await WriteRunAsync(Final, "old");
        var folder = new RunFolder(Final);
        folder.CheckFinal(replace: true);
        folder.PrepareStaging();
        await WriteRunAsync(folder.Staging, "new");
        await File.WriteAllTextAsync(Path.Combine(Final, "notes.txt"), "keep me");

        // Act
        folder.Publish();

        // Assert
        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(Final, "data", "train-00000-of-00001.parquet")));
        Assert.False(File.Exists(Path.Combine(Final, RunFolder.StagingMarker)));
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(folder.Staging, "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(folder.Staging));
        Assert.Contains(folder.Notices, n => n.Contains("notes.txt", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(_root, "run.replaced-*"));
    }

    [Fact]
    public async Task Publish_WhereExchangeIsUnsupported_TwoRenamesLeaveNewRunAndNoLeftover()
    {
        // Arrange
        await WriteRunAsync(Final, "old");
        var folder = new RunFolder(Final);
        folder.PrepareStaging();
        await WriteRunAsync(folder.Staging, "new");
        NativeRename.ExchangeUnsupported = true;

        // Act
        try
        {
            folder.Publish();
        }
        finally
        {
            NativeRename.ExchangeUnsupported = false;
        }

        // Assert
        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(Final, "data", "train-00000-of-00001.parquet")));
        Assert.Equal(["run"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Recover_OldRunLeftAtStagingByKillAfterExchange_RemovesItsOwnFilesOnly()
    {
        // Arrange: after the exchange the old run sits at the staging path (no marker); killed before cleanup.
        await WriteRunAsync(Final, "new");
        var folder = new RunFolder(Final);
        await WriteRunAsync(folder.Staging, "old");

        // Act
        folder.Recover();

        // Assert
        Assert.False(Directory.Exists(folder.Staging));
        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(Final, "data", "train-00000-of-00001.parquet")));
    }

    [Fact]
    public async Task CheckFinal_RunFolderWithShardNotInManifest_RefusesReplaceNamingIt()
    {
        // Arrange
        await WriteRunAsync(Final, "old");
        await File.WriteAllTextAsync(Path.Combine(Final, "data", "mine.parquet"), "user data");

        // Act
        var refused = Assert.Throws<OutFolderRefusedException>(() => new RunFolder(Final).CheckFinal(replace: true));

        // Assert
        Assert.Contains("data/mine.parquet", refused.Message, StringComparison.Ordinal);
        new RunFolder(Final).CheckFinal(replace: false);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task WriteRunAsync(string directory, string content)
    {
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        Directory.CreateDirectory(Path.Combine(directory, "rejects"));
        await File.WriteAllTextAsync(Path.Combine(directory, "data", "train-00000-of-00001.parquet"), content);
        await File.WriteAllTextAsync(Path.Combine(directory, "rejects", "rejects-00000-of-00001.parquet"), content);
        await File.WriteAllTextAsync(Path.Combine(directory, "README.md"), content);
        var manifest = new RunManifest(
            "id",
            new ManifestPipeline("p", "p.toml"),
            [],
            "",
            "test",
            [],
            new ManifestCounts(1, 1, new Dictionary<string, ManifestStepCount>()),
            [new ManifestShard("data/train-00000-of-00001.parquet", 1, ""), new ManifestShard("rejects/rejects-00000-of-00001.parquet", 1, "")],
            new Dictionary<string, double>(),
            new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>>());
        await ManifestJson.WriteAsync(manifest, Path.Combine(directory, "manifest.json"), CancellationToken.None);
    }
}
