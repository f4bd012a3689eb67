using System.Text.Json.Nodes;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests.Partitions;

/// <summary>
/// <c>dataforge run --partition</c> and <c>dataforge merge</c> on real pipelines: the merged run folder equals a
/// single-machine run of the same pipeline byte for byte, whatever the number of partitions, and every stage keeps records.
/// </summary>
public sealed class PartitionMergeTests
{
    [Fact]
    public async Task LintSeq_ThreePartitions_MergeEqualsTheSingleMachineRun()
    {
        // Arrange
        using var temp = new TempFolder();
        var single = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/lintseq.toml", "--limit", "4", "--out", temp.Combine("single"), "--store", temp.Combine("single.sqlite"));
        Assert.True(single.ExitCode == 0, single.ToString());

        // Act
        var parts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            parts.Add(temp.Combine("parts", $"part-{i}"));
            await PartitionRuns.PartitionAsync("pipelines/lintseq.toml", i, 3, parts[i], "--limit", "4");
        }

        var merged = await CliRunner.RunAsync(CliRunner.RepoRoot, ["merge", "pipelines/lintseq.toml", .. parts, "--limit", "4", "--out", temp.Combine("merged"), "--store", temp.Combine("merged.sqlite")]);

        // Assert: each partition did its share of the LintSeq work, and the union is the single run.
        Assert.True(merged.ExitCode == 0, merged.ToString());
        var edits = parts.Select(p => JsonNode.Parse(File.ReadAllText(Path.Combine(p, "partition.json")))!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "edits")!).ToList();
        Assert.Equal(8, edits.Sum(e => (long)e!["in"]!));
        Assert.True(edits.Count(e => (long)e!["in"]! > 0) >= 2, "the records were not spread over the partitions");
        PartitionRuns.AssertSameRun(temp.Combine("single"), temp.Combine("merged"));
        var counts = JsonNode.Parse(File.ReadAllText(temp.Combine("merged", "manifest.json")))!["counts"]!["steps"]!.AsObject();
        Assert.All(counts, step => Assert.True((long)step.Value!["out"]! > 0 || step.Key == "out", $"{step.Key} kept nothing"));
    }

    [Fact]
    public async Task DefaultPipeline_TwoPartitions_GlobalStepsInTheMerge_EqualsTheSingleMachineRun()
    {
        // Arrange: the default pipeline's instruction branch starts with dedup-exact (global), its programs branch is all record-phase.
        // 7 instructions: the seeds that pass the quality rules, so that the 15% selection keeps one.
        using var temp = new TempFolder();
        var single = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipeline.toml", "--limit", "7", "--out", temp.Combine("single"), "--store", temp.Combine("single.sqlite"));
        Assert.True(single.ExitCode == 0, single.ToString());

        // Act
        var first = await PartitionRuns.PartitionAsync("pipeline.toml", 0, 2, temp.Combine("p0"), "--limit", "7");
        await PartitionRuns.PartitionAsync("pipeline.toml", 1, 2, temp.Combine("p1"), "--limit", "7");
        var merged = await CliRunner.RunAsync(CliRunner.RepoRoot, "merge", "pipeline.toml", temp.Combine("p1"), temp.Combine("p0"), "--limit", "7", "--out", temp.Combine("merged"), "--store", temp.Combine("merged.sqlite"));

        // Assert
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Contains("in the merge: dedup, evolve, quality, length, score, select, out", first.Stderr, StringComparison.Ordinal);
        PartitionRuns.AssertSameRun(temp.Combine("single"), temp.Combine("merged"));
        var counts = JsonNode.Parse(File.ReadAllText(temp.Combine("merged", "manifest.json")))!["counts"]!["steps"]!.AsObject();
        Assert.All(counts, step => Assert.True((long)step.Value!["out"]! > 0 || step.Key == "out", $"{step.Key} kept nothing"));
    }

    [Fact]
    public async Task Partition_RunAgainWhenComplete_DoesNothing()
    {
        // Arrange
        using var temp = new TempFolder();
        await PartitionRuns.PartitionAsync("pipelines/lintseq.toml", 0, 2, temp.Combine("p0"), "--limit", "2");
        var written = File.GetLastWriteTimeUtc(temp.Combine("p0", "partition.json"));

        // Act
        var again = await PartitionRuns.PartitionAsync("pipelines/lintseq.toml", 0, 2, temp.Combine("p0"), "--limit", "2");

        // Assert
        Assert.Contains("already complete", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(temp.Combine("p0", "partition.json")));
    }
}
