using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge inspect</c> on a finished run: counts per step and reason, and histograms.</summary>
public sealed class InspectTests
{
    [Fact]
    public async Task Inspect_FinishedRunThroughLatest_PrintsStepsReasonsAndHistograms()
    {
        // Arrange: a run in the default place, so output/<name>/latest names it.
        using var temp = new TempFolder();
        var output = temp.Combine("output");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--out", Path.Combine(output, "sample-seeds", "r1"));
        File.WriteAllText(Path.Combine(output, "sample-seeds", "latest"), "r1\n");

        // Act
        var inspect = await CliRunner.RunAsync(CliRunner.RepoRoot, "inspect", Path.Combine(output, "sample-seeds"));
        var notARun = await CliRunner.RunAsync(CliRunner.RepoRoot, "inspect", temp.Path);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        foreach (var expected in new[] { "instructions", "dedup", "half", "not_sampled", "rejects by reason", "instruction length (chars), kept" })
        {
            Assert.Contains(expected, inspect.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(1, notARun.ExitCode);
        Assert.Contains("not a finished run folder", notARun.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_RunWithQualityFilter_ListsEveryRuleWithItsDrops()
    {
        // Arrange: a clean pair, a gibberish one and a cut-off one through the quality rules
        using var temp = new TempFolder();
        temp.Write("pairs.jsonl", string.Join('\n',
            """{"instruction": "Why does water boil at 100 degrees?", "output": "At sea level the vapour pressure of water equals the air pressure at 100 degrees Celsius."}""",
            """{"instruction": "Why does water boil at 100 degrees?", "output": "Mreak record only it to sended a whole directly will not thered comvel iive duients."}""",
            """{"instruction": "Why does water boil at 100 degrees?", "output": "At sea level the air pressure is high enough that the water"}""") + "\n");
        temp.Write("quality.toml", "[[steps]]\nname = \"pairs\"\ntype = \"read\"\npath = \"pairs.jsonl\"\n\n[[steps]]\nname = \"quality\"\ntype = \"quality-filter\"\n\n[[steps]]\nname = \"out\"\ntype = \"write\"\n");
        var run = await CliRunner.RunAsync(temp.Path, "run", "quality.toml", "--out", temp.Combine("run"));

        // Act
        var inspect = await CliRunner.RunAsync(temp.Path, "inspect", temp.Combine("run"));

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Contains("quality rules of step 'quality' (3 in, 1 kept;", inspect.Stdout, StringComparison.Ordinal);
        var lines = inspect.Stdout.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("dictionary ", StringComparison.Ordinal) && l.Contains(" 1 ", StringComparison.Ordinal) && l.EndsWith("33.3%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("truncated ", StringComparison.Ordinal) && l.EndsWith("33.3%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("word_count ", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("parser_failed ", StringComparison.Ordinal) && l.EndsWith("error", StringComparison.Ordinal));
    }
}
