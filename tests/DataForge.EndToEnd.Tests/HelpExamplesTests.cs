using System.Diagnostics;
using System.Text.RegularExpressions;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Every example printed by <c>--help</c> (top level and each command's EXAMPLES) works as printed,
/// run from a folder that looks like the repo (its pipelines, seeds and a copy of models/tiny).
/// What is checked, per command: <c>run</c>, <c>lintseq</c>, <c>build</c> and <c>merge</c> examples run to the end with
/// <c>--limit 2</c> added (exit 0; the merge after the partition runs); <c>validate</c>, <c>inspect</c>, <c>diff</c>, <c>export</c> and <c>builds list</c> run as printed (exit 0,
/// after the run examples made <c>output/default/latest</c> and <c>output/sample-seeds/latest</c>; an <c>export --out</c> writes its file); <c>serve</c> and <c>review</c> run with the port swapped for
/// a free one until they print their address (<c>review export</c> runs as printed); <c>slurm submit</c> runs as printed,
/// which needs no cluster because every example of it is a <c>--dry-run</c>, and writes both scripts; <c>model convert</c> runs as printed (on the copy of
/// models/tiny) and writes its <c>--out</c> file; <c>model train-tiny</c> (minutes of training) is only
/// validated: every option it uses is one the command lists, and it parses (<c>--help</c> added).
/// </summary>
public sealed partial class HelpExamplesTests
{
    [Fact]
    public async Task EveryHelpExample_WorksAsPrinted()
    {
        // Arrange
        using var sandbox = RepoLikeFolder();
        var examples = await ExamplesAsync(sandbox.Path);

        // Act + Assert, in the order printed (run before inspect).
        Assert.Contains(examples, e => e[0] == "inspect");
        foreach (var example in examples)
        {
            var shown = string.Join(' ', example);
            switch (example[0])
            {
                case "run" or "lintseq" or "build" or "merge":
                    await AssertSucceedsAsync(sandbox.Path, WithLimit(example), shown);
                    break;
                case "serve":
                    await AssertServesAsync(sandbox.Path, example, shown, "listening on http://");
                    break;
                case "review" when example[1] != "export":
                    await AssertServesAsync(sandbox.Path, example, shown, "review at http://");
                    break;
                case "export":
                    await AssertSucceedsAsync(sandbox.Path, example, shown);
                    var exported = Array.IndexOf(example, "--out") is var at and >= 0 ? Path.Combine(sandbox.Path, example[at + 1]) : null;
                    Assert.True(exported is null || File.ReadAllLines(exported).Length > 0, $"example `dataforge {shown}` wrote no records");
                    break;
                case "model" when example[1] == "convert":
                    await AssertSucceedsAsync(sandbox.Path, example, shown);
                    var converted = Path.Combine(sandbox.Path, example[Array.IndexOf(example, "--out") + 1]);
                    Assert.True(File.Exists(converted) && new FileInfo(converted).Length > 0, $"example `dataforge {shown}` wrote no file");
                    break;
                case "model":
                    await AssertParsesAsync(sandbox.Path, example, shown);
                    break;
                case "slurm":
                    Assert.True(example.Contains("--dry-run"), $"example `dataforge {shown}` would need a Slurm cluster; print it with --dry-run");
                    await AssertSucceedsAsync(sandbox.Path, example, shown);
                    Assert.True(File.Exists(Path.Combine(sandbox.Path, "output", SlurmRunName(example), "slurm", "partitions.sbatch")), $"example `dataforge {shown}` wrote no partitions.sbatch");
                    break;
                default:
                    await AssertSucceedsAsync(sandbox.Path, example, shown);
                    break;
            }
        }
    }

    [Fact]
    public async Task ReviewHelp_DocumentsPathEveryOptionAndExport()
    {
        // Act: the branch runs on its own, so its help is the serving command's, plus the export subcommand.
        var help = await CliRunner.RunAsync(CliRunner.RepoRoot, "review", "--help");

        // Assert
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("dataforge review <PATH>", help.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--host <HOST>", "--port <N>", "--token <TOKEN>", "--open", "--index-dir <DIR>", "export <PATH>" })
        {
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
        }
    }

    private static async Task<List<string[]>> ExamplesAsync(string directory)
    {
        var examples = new List<string[]>();
        foreach (var command in new[] { "", "run", "merge", "validate", "lintseq", "inspect", "diff", "export", "build", "builds list", "review", "review export", "slurm submit", "k8s manifest", "serve", "model", "model train-tiny", "model convert" })
        {
            var help = await CliRunner.RunAsync(directory, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            Assert.True(help.ExitCode == 0, help.ToString());
            examples.AddRange(Parse(help.Stdout).Where(e => !examples.Any(seen => seen.SequenceEqual(e))));
        }

        Assert.True(examples.Count >= 8, $"expected the help examples, found {examples.Count}");
        return examples;
    }

    // The EXAMPLES section: each example starts "    dataforge "; narrower terminals wrap it onto more lines.
    private static IEnumerable<string[]> Parse(string help)
    {
        var section = help.Split("EXAMPLES:")[1].Split("\n\n")[0];
        var joined = Regex.Replace(section, @"\s*\n(?!\s*dataforge )", " ");
        return joined.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("dataforge ", StringComparison.Ordinal))
            .Select(l => l["dataforge ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    // The run.name of the pipeline a slurm example submits (its default folder is output/<run.name>/slurm).
    private static string SlurmRunName(string[] example)
    {
        var pipeline = example.Skip(2).FirstOrDefault(a => a.EndsWith(".toml", StringComparison.Ordinal)) ?? "pipeline.toml";
        return Regex.Match(File.ReadAllText(Path.Combine(CliRunner.RepoRoot, pipeline)), @"(?m)^name\s*=\s*""([^""]+)""").Groups[1].Value;
    }

    private static string[] WithLimit(string[] example)
    {
        var index = Array.IndexOf(example, "--limit");
        return index < 0 ? [.. example, "--limit", "2"] : [.. example[..(index + 1)], "2", .. example[(index + 2)..]];
    }

    private static async Task AssertSucceedsAsync(string directory, string[] args, string shown)
    {
        var result = await CliRunner.RunAsync(directory, args);
        Assert.True(result.ExitCode == 0, $"example `dataforge {shown}` (run as `{string.Join(' ', args)}`): {result}");
    }

    private static async Task AssertServesAsync(string directory, string[] example, string shown, string ready)
    {
        var port = Array.IndexOf(example, "--port");
        string[] args = port < 0 ? [.. example, "--port", "0"] : [.. example[..(port + 1)], "0", .. example[(port + 2)..]];
        using var process = Process.Start(CliRunner.StartInfo(directory, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var listening = false;
            while (!listening && await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line)
            {
                listening = line.StartsWith(ready, StringComparison.Ordinal);
            }

            Assert.True(listening, $"example `dataforge {shown}` never listened: exit {(process.HasExited ? process.ExitCode : -1)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            _ = await stderr;
        }
    }

    private static async Task AssertParsesAsync(string directory, string[] example, string shown)
    {
        var help = await CliRunner.RunAsync(directory, [.. example.TakeWhile(a => !a.StartsWith('-')), "--help"]);
        foreach (var option in example.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.True(help.Stdout.Contains(option + " ", StringComparison.Ordinal), $"example `dataforge {shown}`: {option} is not an option of the command");
        }

        await AssertSucceedsAsync(directory, [.. example, "--help"], shown);
    }

    private static TempFolder RepoLikeFolder()
    {
        var sandbox = new TempFolder();
        foreach (var name in new[] { "pipeline.toml", "pipelines", "seeds" })
        {
            File.CreateSymbolicLink(sandbox.Combine(name), Path.Combine(CliRunner.RepoRoot, name));
        }

        // A copy, so an example that writes models/ never touches the repo's.
        TempFolder.CopyModel("tiny", sandbox.Combine("models", "tiny"));

        return sandbox;
    }
}
