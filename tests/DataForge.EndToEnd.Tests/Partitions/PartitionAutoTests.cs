using System.Text.Json.Nodes;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests.Partitions;

/// <summary><c>--partition auto</c> takes its index from a Slurm job array or a Kubernetes Indexed Job, and says what is missing otherwise.</summary>
public sealed class PartitionAutoTests
{
    [Fact]
    public async Task Auto_InASlurmArrayTask_IsThatTaskOfTheArray()
    {
        // Arrange
        using var temp = new TempFolder();
        var slurm = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "2", ["JOB_COMPLETION_INDEX"] = null };

        // Act
        var result = await CliRunner.RunWithEnvironmentAsync(CliRunner.RepoRoot, slurm, "run", "pipelines/lintseq.toml", "--limit", "2", "--partition", "auto", "--out", temp.Combine("p"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((1, 2), Partition(temp.Combine("p")));
    }

    [Fact]
    public async Task Auto_InAnIndexedJob_TakesTheIndexAndTheGivenCount()
    {
        // Arrange
        using var temp = new TempFolder();
        var kubernetes = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "0", ["SLURM_ARRAY_TASK_ID"] = null, ["SLURM_ARRAY_TASK_COUNT"] = null };

        // Act
        var result = await CliRunner.RunWithEnvironmentAsync(CliRunner.RepoRoot, kubernetes, "run", "pipelines/lintseq.toml", "--limit", "2", "--partition", "auto", "--partitions", "3", "--out", temp.Combine("p"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((0, 3), Partition(temp.Combine("p")));
    }

    [Theory]
    [InlineData("JOB_COMPLETION_INDEX", "0", "", "give --partitions N")]
    [InlineData("SLURM_ARRAY_TASK_ID", "4", "--partitions=3", "SLURM_ARRAY_TASK_ID=4 is not below the 3 partitions")]
    [InlineData("", "", "", "neither SLURM_ARRAY_TASK_ID")]
    public async Task Auto_WithoutAUsableIndex_ExitsTwoSayingWhy(string variable, string value, string option, string message)
    {
        // Arrange
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = null, ["SLURM_ARRAY_TASK_ID"] = null, ["SLURM_ARRAY_TASK_COUNT"] = null };
        if (variable.Length > 0)
        {
            environment[variable] = value;
        }

        string[] extra = option.Length > 0 ? [option] : [];

        // Act
        var result = await CliRunner.RunWithEnvironmentAsync(CliRunner.RepoRoot, environment, ["run", "pipelines/lintseq.toml", "--limit", "2", "--partition", "auto", .. extra, "--out", temp.Combine("p")]);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("p")));
    }

    private static (int Index, int Count) Partition(string folder)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "partition.json")))!;
        return ((int)manifest["index"]!, (int)manifest["count"]!);
    }
}
