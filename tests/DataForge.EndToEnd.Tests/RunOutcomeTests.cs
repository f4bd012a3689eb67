using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// How a finished run ends for the user: a run over <c>run.max_error_fraction</c> exits 3 every
/// time it is asked for (a scheduler's retry does not hide it), and bad input lines are shown
/// on stderr with their file:line and reason, not only counted.
/// </summary>
public sealed class RunOutcomeTests
{
    private const string Pipeline = "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n";

    [Fact]
    public async Task Rerun_OfRunOverMaxErrorFraction_Exits3Again_AndLatestIsNotSwitchedToIt()
    {
        // Arrange: 2 of 3 lines are bad (default max_error_fraction 0.1); runs in the default place.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "x.jsonl"), "{bad\n{\"instruction\": \"ok\", \"output\": \"fine\"}\nnot json\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline);

        // Act
        var first = await CliRunner.RunAsync(temp.Path, "run", "p.toml");
        var rerun = await CliRunner.RunAsync(temp.Path, "run", "p.toml");

        // Assert
        Assert.True(first.ExitCode == 3, first.ToString());
        Assert.True(rerun.ExitCode == 3, rerun.ToString());
        Assert.Contains("already complete", rerun.Stdout, StringComparison.Ordinal);
        Assert.Contains("max_error_fraction", rerun.Stderr, StringComparison.Ordinal);
        var runFolder = Directory.GetDirectories(temp.Combine("output", "p")).Single();
        Assert.Equal("too_many_errors", RunFolderAssert.Manifest(runFolder).RootElement.GetProperty("outcome").GetProperty("status").GetString());
        Assert.False(Path.Exists(temp.Combine("output", "p", "latest")), "latest names the newest run that finished cleanly");
        Assert.Contains(runFolder, first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithBadLines_EchoesFirstRejectsPerReasonWithFileLineAndReason()
    {
        // Arrange: five lines of bad JSON and one missing its fields, among good lines.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var lines = Enumerable.Range(0, 20).Select(i => $"{{\"instruction\": \"task {i}\", \"output\": \"answer {i}\"}}").ToList();
        foreach (var bad in new[] { 2, 5, 8, 11, 14 })
        {
            lines[bad] = "{not json";
        }

        lines[17] = "{\"title\": \"no instruction here\"}";
        await File.WriteAllLinesAsync(temp.Combine("in", "x.jsonl"), lines);
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline);

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"), "--set", "run.max_error_fraction=1");

        // Assert: the first three of each reason with where they are, then how many more.
        Assert.True(result.ExitCode == 0, result.ToString());
        var echoed = result.Stderr.Split('\n').Where(l => l.StartsWith("rejected: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, echoed.Count);
        Assert.StartsWith("rejected: in/x.jsonl:3: invalid_json", echoed[0], StringComparison.Ordinal);
        Assert.StartsWith("rejected: in/x.jsonl:6: invalid_json", echoed[1], StringComparison.Ordinal);
        Assert.StartsWith("rejected: in/x.jsonl:9: invalid_json", echoed[2], StringComparison.Ordinal);
        Assert.StartsWith("rejected: in/x.jsonl:18: ", echoed[3], StringComparison.Ordinal);
        Assert.Contains("… and 2 more invalid_json", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("x.jsonl:12", result.Stderr, StringComparison.Ordinal);
    }
}
