using System.Diagnostics;
using System.Text;
using DataForge.Storage.Store;
using DataForge.Testing;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>
/// A folder to build in: the shipped <c>pipeline.toml</c> (or another shipped pipeline) over a small
/// copy of the embedded seeds, the embedded model, and a builds folder. Builds run the real CLI.
/// </summary>
internal sealed class BuildWorkspace : IDisposable
{
    private readonly TempFolder _temp = new();

    private BuildWorkspace()
    {
    }

    public string Path => _temp.Path;

    public string Builds => _temp.Combine("builds");

    /// <summary>The shipped default pipeline over the first <paramref name="instructions"/> general seed instructions and <paramref name="programs"/> Python and C# seed programs each.</summary>
    public static BuildWorkspace Default(int instructions = 8, int programs = 2)
    {
        var workspace = new BuildWorkspace();
        var temp = workspace._temp;
        File.Copy(System.IO.Path.Combine(CliRunner.RepoRoot, "pipeline.toml"), temp.Combine("pipeline.toml"));
        TempFolder.CopyModel("tiny", temp.Combine("models", "tiny"));
        temp.Write("seeds/instructions/general.jsonl", Lines(SeedLines("instructions", "general.jsonl").Take(instructions)));
        temp.Write("seeds/programs/python.jsonl", Lines(SeedLines("programs", "python.jsonl").Take(programs)));
        temp.Write("seeds/programs/csharp.jsonl", Lines(SeedLines("programs", "csharp.jsonl").Take(programs)));
        return workspace;
    }

    /// <summary>The shipped <c>pipelines/sample-seeds.toml</c> (reads, dedup, sample, write: a build in about a second) over the embedded seeds.</summary>
    public static BuildWorkspace SampleSeeds()
    {
        var workspace = new BuildWorkspace();
        workspace._temp.Write("sample-seeds.toml", File.ReadAllText(System.IO.Path.Combine(CliRunner.RepoRoot, "pipelines", "sample-seeds.toml")).Replace("\"../seeds/", "\"seeds/", StringComparison.Ordinal));
        TempFolder.CopyFolder(System.IO.Path.Combine(CliRunner.RepoRoot, "seeds"), workspace._temp.Combine("seeds"));
        return workspace;
    }

    /// <summary>The lines of a shipped seed file.</summary>
    public static IEnumerable<string> SeedLines(string folder, string file)
        => File.ReadLines(System.IO.Path.Combine(CliRunner.RepoRoot, "seeds", folder, file)).Where(l => l.Length > 0);

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public void Append(string relative, string line) => File.AppendAllText(_temp.Combine(relative), line + "\n", Encoding.UTF8);

    /// <summary>Runs <c>dataforge build</c> with <paramref name="args"/> (the builds folder is added) and waits.</summary>
    public async Task<CliResult> BuildAsync(params string[] args)
    {
        using var process = Start(null, args);
        return await FinishAsync(process);
    }

    /// <summary>Starts <c>dataforge build</c>; <paramref name="crashAt"/> names a point to die at (SIGKILL), see the CLI's crash points.</summary>
    public Process Start(string? crashAt, params string[] args)
    {
        var info = CliRunner.StartInfo(Path, ["build", .. args, "--builds", Builds]);
        if (crashAt is not null)
        {
            info.Environment["DATAFORGE_CRASH_AT"] = crashAt;
        }

        return Process.Start(info)!;
    }

    public static async Task<CliResult> FinishAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The pipeline's builds folder.</summary>
    public string PipelineBuilds(string name = "default") => System.IO.Path.Combine(Builds, name);

    /// <summary>The published build folders, oldest first.</summary>
    public IReadOnlyList<string> Published(string name = "default")
        => Directory.Exists(PipelineBuilds(name))
            ? [.. Directory.GetDirectories(PipelineBuilds(name)).Where(d => new FileInfo(d).LinkTarget is null && File.Exists(System.IO.Path.Combine(d, "manifest.json")) && !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The build folder the summary line names (<c>build ... dir=PATH</c>).</summary>
    public static string SummaryField(CliResult result, string key)
    {
        var line = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("build ", StringComparison.Ordinal));
        var field = line.Split(' ').Single(f => f.StartsWith(key + "=", StringComparison.Ordinal));
        return field[(key.Length + 1)..].Trim('"');
    }

    /// <summary>The ledger of the build's run (its only attempt, or the last).</summary>
    public async Task<IReadOnlyDictionary<string, StepLedgerEntry>> LedgerAsync(string buildDirectory, string name = "default")
    {
        var runId = RunFolderAssert.Manifest(buildDirectory).RootElement.GetProperty("run_id").GetString()!;
        await using var store = RunStore.Open(System.IO.Path.Combine(PipelineBuilds(name), "runstore.sqlite"));
        return store.ReadLedger(runId).Last(e => e.Status == "finished").Steps.ToDictionary(s => s.Step, StringComparer.Ordinal);
    }

    /// <summary>The status of every attempt of the build's run id, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AttemptsAsync(string buildDirectory, string name = "default")
    {
        var runId = RunFolderAssert.Manifest(buildDirectory).RootElement.GetProperty("run_id").GetString()!;
        await using var store = RunStore.Open(System.IO.Path.Combine(PipelineBuilds(name), "runstore.sqlite"));
        return [.. store.ReadLedger(runId).Select(e => e.Status)];
    }

    public void Dispose() => _temp.Dispose();

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";
}
