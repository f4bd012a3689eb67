using System.Diagnostics;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary><c>dataforge slurm submit</c> without a cluster: the scripts it writes, and how it calls <c>sbatch</c> (a stand-in that records its arguments).</summary>
public sealed class SlurmSubmitScriptsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public SlurmSubmitScriptsTests()
    {
        // The sample-seeds pipeline reads ../seeds.
        Directory.CreateDirectory(temp.Combine("pipelines"));
        File.Copy(RepoPaths.Combine("pipelines", "sample-seeds.toml"), temp.Combine("pipelines", "sample.toml"));
        File.CreateSymbolicLink(temp.Combine("seeds"), RepoPaths.Combine("seeds"));
        Directory.CreateDirectory(temp.Combine("work"));
    }

    [Fact]
    public async Task Submit_DryRun_WritesArrayAndMergeScriptsWithAbsolutePaths()
    {
        // Act: relative pipeline and folder, from a working folder of their own.
        var result = await SubmitAsync(temp.Combine("work"), null,
            "../pipelines/sample.toml", "--partitions", "3", "--out", "jobs", "--set", "run.seed=5", "--limit", "4",
            "--sbatch-arg=--time=00:10:00", "--sbatch-arg=--partition=cpu", "--dry-run");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var dir = temp.Combine("work", "jobs");
        var cli = $"exec {Dotnet()} {CliRunner.CliDll}";
        var partitions = File.ReadAllText(Path.Combine(dir, "partitions.sbatch"));
        var merge = File.ReadAllText(Path.Combine(dir, "merge.sbatch"));
        Assert.Equal(
            ["--job-name=dataforge-sample-seeds", "--array=0-2", $"--output={dir}/logs/partition-%A_%a.out", $"--error={dir}/logs/partition-%A_%a.err", "--time=00:10:00", "--partition=cpu"],
            SbatchLines(partitions));
        Assert.Equal(
            ["--job-name=dataforge-sample-seeds-merge", $"--output={dir}/logs/merge-%j.out", $"--error={dir}/logs/merge-%j.err", "--time=00:10:00", "--partition=cpu"],
            SbatchLines(merge));
        Assert.Contains($"{cli} run {temp.Combine("pipelines", "sample.toml")} --partition auto --out {dir}/partitions/part-\"$SLURM_ARRAY_TASK_ID\" --set run.seed=5 --limit 4\n", partitions, StringComparison.Ordinal);
        Assert.Contains($"{cli} merge {temp.Combine("pipelines", "sample.toml")} {dir}/partitions/part-0 {dir}/partitions/part-1 {dir}/partitions/part-2 --out {dir}/run --set run.seed=5 --limit 4\n", merge, StringComparison.Ordinal);
        Assert.Contains($"export DATAFORGE_HOME={RepoPaths.Root}\n", partitions, StringComparison.Ordinal);
        Assert.Contains($"cd {temp.Combine("work")}\n", merge, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir, "logs")), "Slurm writes no log into a folder that does not exist");
        Assert.Equal(0, await BashSyntaxAsync(Path.Combine(dir, "partitions.sbatch")));
        Assert.Equal(0, await BashSyntaxAsync(Path.Combine(dir, "merge.sbatch")));
        Assert.False(File.Exists(temp.Combine("sbatch-calls")), "a dry run submits nothing");
    }

    [Fact]
    public async Task Submit_NoOut_WritesUnderOutputRunNameSlurm()
    {
        // Act
        var result = await SubmitAsync(temp.Path, null, "pipelines/sample.toml", "--partitions", "1", "--dry-run");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var partitions = File.ReadAllText(temp.Combine("output", "sample-seeds", "slurm", "partitions.sbatch"));
        Assert.Contains("#SBATCH --array=0-0\n", partitions, StringComparison.Ordinal);
        Assert.Contains($" --out {temp.Combine("output", "sample-seeds", "slurm", "run")}\n", File.ReadAllText(temp.Combine("output", "sample-seeds", "slurm", "merge.sbatch")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithSbatch_SubmitsArrayThenMergeAfterOkAndPrintsBothIds()
    {
        // Arrange: an sbatch that records its arguments and answers job ids 41 then 42.
        var bin = FakeSbatch("""n=$(( $(cat "$CALLS" 2>/dev/null | wc -l) + 41 )); echo "$*" >> "$CALLS"; echo "$n;cluster" """);

        // Act
        var result = await SubmitAsync(temp.Path, bin, "pipelines/sample.toml", "--partitions", "2", "--out", "jobs");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [$"--parsable {temp.Combine("jobs", "partitions.sbatch")}", $"--parsable --dependency=afterok:41 {temp.Combine("jobs", "merge.sbatch")}"],
            File.ReadAllLines(temp.Combine("sbatch-calls")));
        Assert.Equal($"submitted partitions job 41 (2 tasks) and merge job 42 (afterok:41) -> {temp.Combine("jobs", "run")}", result.Stdout.Trim());
    }

    [Fact]
    public async Task Submit_SbatchRefuses_ExitsInfrastructureWithItsMessage()
    {
        // Arrange
        var bin = FakeSbatch("""echo "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2; exit 1""");

        // Act
        var result = await SubmitAsync(temp.Path, bin, "pipelines/sample.toml", "--partitions", "2");

        // Assert
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("Invalid partition name specified", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was submitted", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NoSbatchOnPath_ExitsInfrastructureAndSaysSo()
    {
        // Act: a PATH holding only the folder of dotnet.
        var result = await SubmitAsync(temp.Path, "", "pipelines/sample.toml", "--partitions", "2");

        // Assert
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("sbatch was not found on PATH", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("output", "sample-seeds", "slurm", "partitions.sbatch")), "the scripts are written before submitting");
    }

    [Theory]
    [InlineData("--partitions", "0")]
    [InlineData("--limit", "5")]
    [InlineData("--partitions", "2", "--sbatch-arg=")]
    public async Task Submit_BadArguments_ExitsUsage(params string[] args)
    {
        // Act
        var result = await SubmitAsync(temp.Path, null, ["pipelines/sample.toml", .. args, "--dry-run"]);

        // Assert
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    [Fact]
    public async Task Submit_BrokenPipeline_ExitsConfigurationAndWritesNothing()
    {
        // Arrange
        temp.Write("broken.toml", "[run]\nname = \"broken\"\n\n[[steps]]\nname = \"x\"\ntype = \"no-such-step\"\n");

        // Act
        var result = await SubmitAsync(temp.Path, null, "broken.toml", "--partitions", "2", "--dry-run");

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    public void Dispose() => temp.Dispose();

    private static string Dotnet()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet")).First(File.Exists) is var found
            ? Path.GetFullPath(new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found)
            : "";

    private static string[] SbatchLines(string script)
        => [.. script.Split('\n').TakeWhile(l => l.StartsWith('#')).Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l["#SBATCH ".Length..])];

    private string FakeSbatch(string body)
    {
        var sbatch = temp.Write(Path.Combine("bin", "sbatch"), $"#!/bin/sh\nCALLS={temp.Combine("sbatch-calls")}\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return temp.Combine("bin");
    }

    // bin: null keeps PATH; "" leaves only the folder of dotnet on PATH (no sbatch); else bin comes first (its sbatch wins).
    private static async Task<CliResult> SubmitAsync(string directory, string? bin, params string[] args)
    {
        var info = CliRunner.StartInfo(directory, ["slurm", "submit", .. args]);
        info.Environment["DATAFORGE_HOME"] = RepoPaths.Root;
        if (bin is not null)
        {
            info.FileName = Dotnet();
            info.Environment["PATH"] = bin.Length > 0 ? $"{bin}:{Path.GetDirectoryName(Dotnet())}:/usr/bin:/bin" : Path.GetDirectoryName(Dotnet());
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<int> BashSyntaxAsync(string script)
    {
        using var process = Process.Start("bash", ["-n", script]);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
