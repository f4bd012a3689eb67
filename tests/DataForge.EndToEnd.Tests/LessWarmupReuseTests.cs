using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>pipelines/select-less.toml on the embedded model: a second target set restores the warm-up from the datastore.</summary>
public sealed class LessWarmupReuseTests
{
    private static readonly string[] OtherTargets =
    [
        """{"subtask": "poems", "instruction": "Write a two-line poem about rain.", "output": "Soft rain on the roof,\nthe night hums along."}""",
        """{"subtask": "poems", "instruction": "Write a haiku about the sea.", "output": "Grey waves fold and fall,\nsalt wind in the harbour ropes,\ngulls argue the tide."}""",
        """{"subtask": "lists", "instruction": "List three fruits.", "output": "Apple, pear and plum."}""",
    ];

    [Fact]
    public async Task SelectLess_SecondTargetSet_RestoresTheWarmupAndSelectsAsAFreshRun()
    {
        // Arrange: forty candidates, two warm-up epochs; the datastore sits beside each run folder.
        using var temp = new TempFolder();
        var other = temp.Combine("other-targets.jsonl");
        await File.WriteAllLinesAsync(other, OtherTargets);
        string[] common = ["run", "pipelines/select-less.toml", "--limit", "40", "--set", "steps.select.epochs=2", "--set", "steps.select.keep_fraction=0.1"];
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. common, "--out", temp.Combine("shared", "first")]);

        // Act
        var reused = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. common, "--set", $"steps.select.target={other}", "--out", temp.Combine("shared", "second")]);
        var fresh = await CliRunner.RunAsync(CliRunner.RepoRoot, [.. common, "--set", $"steps.select.target={other}", "--out", temp.Combine("alone", "second")]);

        // Assert: the second target set took the adapters the first run kept (a note says so) and selected
        // exactly what a run that trained its own warm-up selects.
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(reused.ExitCode == 0, reused.ToString());
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Equal(2, Directory.GetFiles(temp.Combine("shared", "less-datastore"), "checkpoint-*.adapters", SearchOption.AllDirectories).Length);
        Assert.DoesNotContain("warm-up restored", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("LESS warm-up restored from the datastore (2 checkpoints' adapters", reused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up restored", fresh.Stderr, StringComparison.Ordinal);
        using var manifest = RunFolderAssert.Manifest(temp.Combine("shared", "second"));
        Assert.Contains(manifest.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("LESS warm-up restored from the datastore", StringComparison.Ordinal));
        Assert.Equal(RunFolderAssert.ShardBytes(temp.Combine("alone", "second")), RunFolderAssert.ShardBytes(temp.Combine("shared", "second")));
    }
}
