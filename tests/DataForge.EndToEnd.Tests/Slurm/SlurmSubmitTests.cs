using System.Diagnostics;
using System.Text.RegularExpressions;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>
/// <c>dataforge slurm submit</c> on a real cluster: three array tasks run the record phase of a LintSeq pipeline (pylint),
/// the dependent merge job fills one run folder, and that folder holds the bytes of a single-machine <c>dataforge run</c>;
/// a task cancelled part way keeps the merge from running, and submitting the same command again finishes the run.
/// </summary>
[Collection(SlurmClusterDefinition.Name)]
public sealed partial class SlurmSubmitTests(SlurmCluster cluster) : IDisposable
{
    private const string Limit = "15";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);
    private readonly TempFolder temp = new();

    [Fact]
    public async Task Submit_ThreePartitions_MergedRunEqualsSingleMachineRun()
    {
        // Arrange
        var pipeline = Pipeline();
        var single = await SingleMachineRunAsync(pipeline);

        // Act
        var (array, merge) = await SubmitAsync(pipeline, temp.Combine("slurm"));
        var tasks = await cluster.WaitForEndAsync(array, JobTimeout);
        var merged = await WaitForMergeAsync(merge);

        // Assert
        Assert.True(tasks.Count == 3 && tasks.All(t => t.State == "COMPLETED"), $"{string.Join("; ", tasks)}\n{Logs("slurm")}");
        Assert.True(Assert.Single(merged).State == "COMPLETED", $"{merged[0]}\n{Logs("slurm")}");
        Partitions.PartitionRuns.AssertSameRun(single, temp.Combine("slurm", "run"));
    }

    [Fact]
    public async Task Submit_TaskCancelledPartWay_MergeNeverRunsAndResubmissionFinishesWithSameBytes()
    {
        // Arrange
        var pipeline = Pipeline();
        var single = await SingleMachineRunAsync(pipeline);
        var dir = temp.Combine("slurm");

        // Act 1: cancel task 1 once its partition has started writing (its run store or folder beside the others).
        var (array, merge) = await SubmitAsync(pipeline, dir);
        var running = await cluster.WaitForJobAsync(array, r => r.Any(t => t.ArrayTaskId == "1" && (t.HasEnded || (t.State == "RUNNING" && Started(dir, 1)))), JobTimeout);
        Assert.True(running.Single(t => t.ArrayTaskId == "1").State == "RUNNING", $"task 1 ended before it could be cancelled: {string.Join("; ", running)}\n{Logs("slurm")}");
        var cancel = await cluster.RunAsync("scancel", $"{array}_1");
        var tasks = await cluster.WaitForEndAsync(array, JobTimeout);
        var waiting = await cluster.WaitForJobAsync(merge, r => r.All(j => j.Reason == "DependencyNeverSatisfied"), JobTimeout);
        await cluster.RunAsync("scancel", merge);
        var finished = Snapshot(dir, 0, 2);

        // Act 2: the same command again.
        var (again, mergeAgain) = await SubmitAsync(pipeline, dir);
        var tasksAgain = await cluster.WaitForEndAsync(again, JobTimeout);
        var merged = await WaitForMergeAsync(mergeAgain);

        // Assert
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal(["COMPLETED", "CANCELLED", "COMPLETED"], tasks.OrderBy(t => t.ArrayTaskId, StringComparer.Ordinal).Select(t => t.State));
        Assert.Equal("PENDING", Assert.Single(waiting).State);
        Assert.True(tasksAgain.Count == 3 && tasksAgain.All(t => t.State == "COMPLETED"), $"{string.Join("; ", tasksAgain)}\n{Logs("slurm")}");
        Assert.True(Assert.Single(merged).State == "COMPLETED", $"{merged[0]}\n{Logs("slurm")}");
        Assert.Equal(finished, Snapshot(dir, 0, 2)); // complete partitions are not redone
        Partitions.PartitionRuns.AssertSameRun(single, Path.Combine(dir, "run"));
    }

    public void Dispose() => temp.Dispose();

    // Until the merge job has ended, or can never start (a partition failed): the test fails then rather than waiting.
    private async Task<IReadOnlyList<SlurmJob>> WaitForMergeAsync(string merge)
    {
        var records = await cluster.WaitForJobAsync(merge, r => r.All(j => j.HasEnded || j.Reason == "DependencyNeverSatisfied"), JobTimeout);
        if (!records.All(j => j.HasEnded))
        {
            await cluster.RunAsync("scancel", merge);
        }

        return records;
    }

    // The pipeline of Data/slurm-lintseq.toml beside a copy of the Python seed programs, by absolute path.
    private string Pipeline()
    {
        File.Copy(RepoPaths.Combine("tests", "DataForge.EndToEnd.Tests", "Data", "slurm-lintseq.toml"), temp.Combine("slurm-lintseq.toml"));
        File.Copy(RepoPaths.Combine("seeds", "programs", "python.jsonl"), temp.Combine("python.jsonl"));
        return temp.Combine("slurm-lintseq.toml");
    }

    private async Task<string> SingleMachineRunAsync(string pipeline)
    {
        var run = temp.Combine("single", "run");
        var result = await CliRunner.RunAsync(temp.Path, "run", pipeline, "--limit", Limit, "--out", run, "--store", temp.Combine("single", "store.sqlite"));
        Assert.True(result.ExitCode == 0, result.ToString());
        return run;
    }

    private async Task<(string Array, string Merge)> SubmitAsync(string pipeline, string dir)
    {
        var info = CliRunner.StartInfo(temp.Path, "slurm", "submit", pipeline, "--partitions", "3", "--limit", Limit, "--out", dir);
        foreach (var (name, value) in cluster.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["DATAFORGE_HOME"] = RepoPaths.Root;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        var ids = Submitted().Match(result.Stdout);
        Assert.True(result.ExitCode == 0 && ids.Success, result.ToString());
        return (ids.Groups[1].Value, ids.Groups[2].Value);
    }

    private static bool Started(string dir, int index)
        => Directory.Exists(Path.Combine(dir, "partitions"))
           && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "partitions")).Any(e => Path.GetFileName(e).Contains($"part-{index}", StringComparison.Ordinal));

    // Every file of the named partitions' folders with its last write time.
    private static SortedDictionary<string, DateTime> Snapshot(string dir, params int[] indexes)
        => new(indexes.SelectMany(i => Directory.GetFiles(Path.Combine(dir, "partitions", $"part-{i}"), "*", SearchOption.AllDirectories))
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.GetLastWriteTimeUtc), StringComparer.Ordinal);

    private string Logs(string dir)
        => Directory.Exists(temp.Combine(dir, "logs"))
            ? string.Join('\n', Directory.GetFiles(temp.Combine(dir, "logs")).Order(StringComparer.Ordinal).Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no logs)";

    [GeneratedRegex(@"^submitted partitions job (\d+) \(3 tasks\) and merge job (\d+) ")]
    private static partial Regex Submitted();
}
