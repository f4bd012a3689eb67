using System.Diagnostics;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The exit codes of the CLI contract.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task Validate_BrokenPipeline_Exits2WithLocatedDiagnostics()
    {
        // Arrange
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.Combine("x.toml"), "[[steps]]\nname = \"a\"\ntype = \"evol-instrukt\"\n");

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "validate", "x.toml");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("x.toml(3,8): error DF1003: unknown step type 'evol-instrukt'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOption_Exits1()
    {
        // Act
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--no-such-option");

        // Assert
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task RunHelp_Exits0AndDescribesRefresh()
    {
        // Act
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--help");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--refresh <MODEL>", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadSetOverride_Exits2BeforeAnyWork()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "--out", temp.Combine("run"), "--set", "run.seed=abc");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DF1013", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("run")));
    }

    [Fact]
    public async Task Run_MostInputRejectedForErrors_Exits3AndStillPublishes()
    {
        // Arrange
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "x.jsonl"), "{bad\n{\"instruction\": \"ok\", \"output\": \"fine\"}\nnot json\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n");

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("max_error_fraction", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("run", "manifest.json")));
    }

    [Fact]
    public async Task Run_LockHeldByAnotherProcess_Exits75WithOneLineAndTheStackTraceOnlyWithVerbose()
    {
        // Arrange: hold the run's lock as a running DataForge process would.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "x.jsonl"), "{\"instruction\": \"ok\", \"output\": \"fine\"}\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n");
        using var held = new FileStream(temp.Combine(".lock-run"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));
        var verbose = await CliRunner.RunAsync(temp.Path, "--verbose", "run", "p.toml", "--out", temp.Combine("run"));

        // Assert
        Assert.True(result.ExitCode == 75, result.ToString());
        Assert.Contains("try later", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.True(verbose.ExitCode == 75, verbose.ToString());
        Assert.Contains("   at ", verbose.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sigterm_Exits143AndRerunFinishes()
    {
        // Arrange: enough records that the run is still going when the signal arrives.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllLinesAsync(temp.Combine("in", "x.jsonl"), Enumerable.Range(0, 200_000).Select(i => $"{{\"instruction\": \"item {i} of a long list\", \"output\": \"o{i}\"}}"));
        await File.WriteAllTextAsync(temp.Combine("p.toml"), "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"n\"\ntype = \"length-filter\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n");
        string[] args = ["run", "p.toml", "--out", temp.Combine("run"), "--progress-interval", "0.2"];

        // Act
        using var process = Process.Start(CliRunner.StartInfo(temp.Path, args))!;
        _ = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line && !line.Contains("n: in ", StringComparison.Ordinal))
        {
            // Wait for the first progress line: the run is under way.
        }

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var publishedAfterSignal = Directory.Exists(temp.Combine("run"));
        var rerun = await CliRunner.RunAsync(temp.Path, args);

        // Assert
        Assert.Equal(143, process.ExitCode);
        Assert.False(publishedAfterSignal, "an interrupted run publishes nothing");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(200_000L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}')"));
    }
}
