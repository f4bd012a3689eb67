using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// <c>--out</c> never deletes a user's files: a folder that is neither empty nor a run folder is
/// refused, <c>--force</c> replaces only DataForge's files, and leftovers of stopped runs are cleaned.
/// </summary>
public sealed class OutFolderTests
{
    private const string Pipeline = "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n";

    [Fact]
    public async Task Run_OutFolderHoldingUserFiles_Exits2NamingThemAndDeletesNothing()
    {
        // Arrange: a folder with a user's file, and the pipeline's own folder.
        using var temp = await PipelineFolderAsync();
        Directory.CreateDirectory(temp.Combine("mine"));
        await File.WriteAllTextAsync(temp.Combine("mine", "notes.txt"), "keep me");

        // Act
        var intoUserFolder = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("mine"));
        var intoPipelineFolder = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Path, "--force");

        // Assert
        Assert.True(intoUserFolder.ExitCode == 2, intoUserFolder.ToString());
        Assert.Contains("notes.txt", intoUserFolder.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(temp.Combine("mine", "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("mine")));
        Assert.True(intoPipelineFolder.ExitCode == 2, intoPipelineFolder.ToString());
        Assert.Contains("p.toml", intoPipelineFolder.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("p.toml")));
        Assert.True(File.Exists(temp.Combine("in", "x.jsonl")));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".staging-*"));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(temp.Path)!, $".staging-{Path.GetFileName(temp.Path)}"));
    }

    [Fact]
    public async Task LintSeq_OutFolderHoldingUserFiles_Exits2AndDeletesNothing()
    {
        // Arrange
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("code"));
        await File.WriteAllTextAsync(temp.Combine("code", "a.cs"), "static int Square(int x) => x * x;\n");
        Directory.CreateDirectory(temp.Combine("mine"));
        await File.WriteAllTextAsync(temp.Combine("mine", "notes.txt"), "keep me");

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "lintseq", "code", "-s", "1", "--out", temp.Combine("mine"));

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("notes.txt", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(temp.Combine("mine", "notes.txt")));
    }

    [Fact]
    public async Task Run_ForceOnRunFolderWithForeignFile_Exits2AndKeepsRunAndFile_EmptyFolderIsFine()
    {
        // Arrange: a published run, then a user's file put into it; and an existing empty folder.
        using var temp = await PipelineFolderAsync();
        var first = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        await File.WriteAllTextAsync(temp.Combine("run", "analysis.ipynb"), "{}");
        Directory.CreateDirectory(temp.Combine("empty"));

        // Act
        var forced = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"), "--force");
        var intoEmpty = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("empty"));

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(forced.ExitCode == 2, forced.ToString());
        Assert.Contains("analysis.ipynb", forced.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("run", "analysis.ipynb")));
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        Assert.True(intoEmpty.ExitCode == 0, intoEmpty.ToString());
        RunFolderAssert.ShardsMatchManifest(temp.Combine("empty"));
    }

    [Fact]
    public async Task Run_Force_ReplacesRunLeavingNoStagingOrReplacedFolder()
    {
        // Arrange
        using var temp = await PipelineFolderAsync();
        var first = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        await File.AppendAllTextAsync(temp.Combine("in", "x.jsonl"), "{\"instruction\": \"two\", \"output\": \"2\"}\n");

        // Act
        var forced = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"), "--force");

        // Assert: the new run, whole, and nothing beside it.
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(forced.ExitCode == 0, forced.ToString());
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        Assert.Equal(2L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}')"));
        Assert.Equal(["in", "p.toml", "run", "runstore.sqlite"], Entries(temp.Path));
    }

    [Fact]
    public async Task Run_AfterReplaceKilledBetweenRenames_RestoresTheRunAndRemovesLeftovers()
    {
        // Arrange: what a kill between the two renames of a replace leaves: no run folder, the old run
        // moved aside as run.replaced-PID; and a second leftover beside a run that exists.
        using var temp = await PipelineFolderAsync();
        var first = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        Directory.Move(temp.Combine("run"), temp.Combine("run.replaced-4242"));
        var second = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("other"));
        TempFolder.CopyFolder(temp.Combine("other"), temp.Combine("other.replaced-4243"));

        // Act
        var rerun = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        var rerunOther = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("other"));

        // Assert: the old run is back (a rerun finds it complete) and no leftover remains.
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.ToString() + second);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("already complete", rerun.Stdout, StringComparison.Ordinal);
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        Assert.True(rerunOther.ExitCode == 0, rerunOther.ToString());
        Assert.Equal(["in", "other", "p.toml", "run", "runstore.sqlite"], Entries(temp.Path));
    }

    [Fact]
    public async Task Run_StaleStagingFromKilledRun_IsRemovedByTheNextRun_AnUnmarkedOneIsNot()
    {
        // Arrange: a staging folder as a killed run leaves it (marked as DataForge's), and a folder of
        // the same shape that DataForge did not make.
        using var temp = await PipelineFolderAsync();
        Directory.CreateDirectory(temp.Combine(".staging-mine"));
        await File.WriteAllTextAsync(temp.Combine(".staging-mine", "notes.txt"), "keep me");
        var first = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        var marker = Directory.GetFiles(temp.Path, ".dataforge-staging", SearchOption.AllDirectories);
        Directory.CreateDirectory(temp.Combine(".staging-again", ".scratch"));
        await File.WriteAllTextAsync(temp.Combine(".staging-again", ".dataforge-staging"), "made by DataForge\n");
        await File.WriteAllTextAsync(temp.Combine(".staging-again", ".scratch", "w-rejects.jsonl"), "{}\n");
        Directory.CreateDirectory(temp.Combine(".staging-killed", "data"));
        await File.WriteAllTextAsync(temp.Combine(".staging-killed", ".dataforge-staging"), "made by DataForge\n");

        // Act
        var rerun = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("again"));
        var unmarked = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("mine"));

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(marker);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.False(Directory.Exists(temp.Combine(".staging-again")));
        Assert.False(Directory.Exists(temp.Combine(".staging-killed")), "a killed run's staging beside it is removed too");
        RunFolderAssert.ShardsMatchManifest(temp.Combine("again"));
        Assert.True(unmarked.ExitCode == 2, unmarked.ToString());
        Assert.Contains("notes.txt", unmarked.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(temp.Combine(".staging-mine", "notes.txt")));
    }

    private static async Task<TempFolder> PipelineFolderAsync()
    {
        var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "x.jsonl"), "{\"instruction\": \"one\", \"output\": \"1\"}\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline);
        return temp;
    }

    private static string[] Entries(string directory)
        => [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Where(n => !n!.StartsWith(".lock-", StringComparison.Ordinal) && !n.StartsWith("runstore.sqlite-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!];
}
