using System.Diagnostics;
using System.Text;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>A disk that fills up while the shards are written: the run stops promptly with exit 4 and one error line, and a rerun after freeing space finishes.</summary>
public sealed class FullDiskTests
{
    private const int Records = 6_000;

    // Far more than a stopped run needs; a hang is what this bound catches.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Run_OutOnAFullDisk_StopsWithExit4AndTheReasonThenRerunAfterFreeingSpaceFinishes()
    {
        // Arrange: an 8 MiB tmpfs as the --out disk, 7 MiB of it taken by a filler; about 2 MB of
        // incompressible records to write; the store on the normal disk, so only the shards fail.
        using var temp = new TempFolder();
        using var disk = TmpfsMount.TryMount(temp.Combine("disk"), 8, out var reason);
        Skip.If(disk is null, reason);
        var filler = Path.Combine(disk.Path, "filler.bin");
        await File.WriteAllBytesAsync(filler, new byte[7 * 1024 * 1024]);
        WriteInput(temp.Combine("input", "records.jsonl"));
        await File.WriteAllTextAsync(temp.Combine("disk.toml"), """
            [run]
            name = "disk"

            [[steps]]
            name = "seeds"
            type = "read"
            path = "input"

            [[steps]]
            name = "out"
            type = "write"
            row_group_rows = 500
            """);
        string[] args = ["run", "disk.toml", "--out", Path.Combine(disk.Path, "run"), "--store", temp.Combine("store.sqlite")];

        // Act
        var full = await RunBoundedAsync(temp.Path, args);
        File.Delete(filler);
        var rerun = await RunBoundedAsync(temp.Path, args);

        // Assert
        Assert.True(full.ExitCode == 4, full.ToString());
        var error = Assert.Single(full.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("No space left on device", error, StringComparison.Ordinal);
        Assert.Contains("(free space and rerun to resume)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(full.Stderr.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var shards = Path.Combine(disk.Path, "run", "data", "*.parquet");
        Assert.Equal((long)Records, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{shards}')"));
    }

    // Hex text compresses to about half, so the shards need about 2 MB whatever the codec does.
    private static void WriteInput(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(11);
        var bytes = new byte[250];
        var text = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            random.NextBytes(bytes);
            text.Append("{\"instruction\": \"task ").Append(i).Append(' ').Append(Convert.ToHexString(bytes))
                .Append("\", \"input\": \"\", \"output\": \"ok\"}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    // Runs the CLI; a run still going after the bound is killed and reported as a hang.
    private static async Task<CliResult> RunBoundedAsync(string workingDirectory, string[] args)
    {
        using var process = Process.Start(CliRunner.StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`dataforge {string.Join(' ', args)}` hung: still running after {Bound.TotalMinutes} minutes; killed.\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
