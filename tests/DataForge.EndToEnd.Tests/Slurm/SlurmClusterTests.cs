using DataForge.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>The test cluster itself works: a job array runs every task, and a job depending on it runs after them.</summary>
[Collection(SlurmClusterDefinition.Name)]
public sealed class SlurmClusterTests(SlurmCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Sbatch_ArrayThenAfterOkJob_EveryTaskRanThenTheDependentJob()
    {
        // Arrange: three tasks that each write a file, and a job that lists them once all three have succeeded.
        output.WriteLine($"cluster started in {cluster.StartTime.TotalSeconds:0.0} s");
        using var temp = new TempFolder();
        var array = temp.Write("array.sbatch", $"""
            #!/bin/bash
            #SBATCH --array=0-2
            #SBATCH --output={temp.Combine("array-%A_%a.out")}
            sleep 1
            echo "$SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT" > {temp.Combine("task-")}"$SLURM_ARRAY_TASK_ID"
            """);
        var after = temp.Write("after.sbatch", $"""
            #!/bin/bash
            #SBATCH --output={temp.Combine("after.out")}
            cat {temp.Combine("task-")}* > {temp.Combine("seen")}
            """);

        // Act
        var arrayId = await cluster.SubmitAsync(array);
        var afterId = await cluster.SubmitAsync($"--dependency=afterok:{arrayId}", after);
        var tasks = await cluster.WaitForEndAsync(arrayId, TimeSpan.FromMinutes(2));
        var dependent = await cluster.WaitForEndAsync(afterId, TimeSpan.FromMinutes(2));

        // Assert
        Assert.Equal(["0", "1", "2"], tasks.Select(t => t.ArrayTaskId).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal("COMPLETED", t.State));
        Assert.Equal("COMPLETED", Assert.Single(dependent).State);
        Assert.Equal(["0 of 3", "1 of 3", "2 of 3"], File.ReadAllLines(temp.Combine("seen")));
    }

    [Fact]
    public async Task Sbatch_ArrayTaskFails_AfterOkJobNeverRuns()
    {
        // Arrange: task 1 of three fails.
        using var temp = new TempFolder();
        var array = temp.Write("array.sbatch", $"""
            #!/bin/bash
            #SBATCH --array=0-2
            #SBATCH --output={temp.Combine("array-%A_%a.out")}
            [ "$SLURM_ARRAY_TASK_ID" != 1 ]
            """);
        var after = temp.Write("after.sbatch", $"""
            #!/bin/bash
            #SBATCH --output={temp.Combine("after.out")}
            touch {temp.Combine("ran")}
            """);

        // Act
        var arrayId = await cluster.SubmitAsync(array);
        var afterId = await cluster.SubmitAsync($"--dependency=afterok:{arrayId}", after);
        var tasks = await cluster.WaitForEndAsync(arrayId, TimeSpan.FromMinutes(2));
        var dependent = await cluster.WaitForJobAsync(afterId, r => r.All(j => j.Reason == "DependencyNeverSatisfied"), TimeSpan.FromMinutes(2));
        await cluster.RunAsync("scancel", afterId);

        // Assert
        Assert.Equal(["COMPLETED", "FAILED", "COMPLETED"], tasks.OrderBy(t => t.ArrayTaskId, StringComparer.Ordinal).Select(t => t.State));
        Assert.Equal("PENDING", Assert.Single(dependent).State);
        Assert.False(File.Exists(temp.Combine("ran")));
    }
}
