using System.Globalization;
using System.Text;

namespace DataForge.Cli.Commands;

/// <summary>
/// The two batch scripts of <c>dataforge slurm submit</c>: <c>partitions.sbatch</c>, a job array with one task per
/// partition (the record phase), and <c>merge.sbatch</c>, the global phase over every partition folder. Every path
/// in them is absolute and the CLI is called by its absolute path, so a node needs neither the repository's
/// <c>dataforge</c> script on its PATH nor the submitter's working directory.
/// </summary>
/// <param name="Folder">The submission folder (absolute).</param>
/// <param name="Pipeline">The pipeline file (absolute).</param>
/// <param name="RunName">The pipeline's <c>run.name</c>, for the job names.</param>
/// <param name="Partitions">How many partitions.</param>
/// <param name="Options">The <c>--set</c> / <c>--limit</c> options every partition and the merge get.</param>
/// <param name="SbatchArgs">Extra <c>#SBATCH</c> lines of both scripts.</param>
/// <param name="Cli">The command that starts this CLI (the dotnet host and the dll, or the app host).</param>
/// <param name="WorkingDirectory">The folder the jobs run in (the submitter's).</param>
/// <param name="Home">DATAFORGE_HOME (the repository root), when set.</param>
internal sealed record SlurmScripts(
    string Folder,
    string Pipeline,
    string RunName,
    int Partitions,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> SbatchArgs,
    IReadOnlyList<string> Cli,
    string WorkingDirectory,
    string? Home)
{
    /// <summary>The file name of the array script.</summary>
    public const string PartitionsFile = "partitions.sbatch";

    /// <summary>The file name of the merge script.</summary>
    public const string MergeFile = "merge.sbatch";

    /// <summary>The folder the partition folders go in.</summary>
    public string PartitionsFolder => Path.Combine(Folder, "partitions");

    /// <summary>The merged run folder.</summary>
    public string RunFolder => Path.Combine(Folder, "run");

    /// <summary>The folder of the jobs' standard output and error.</summary>
    public string LogsFolder => Path.Combine(Folder, "logs");

    /// <summary>The command that starts the running CLI: <c>dotnet dataforge.dll</c> under the dotnet host, else the app host itself.</summary>
    public static IReadOnlyList<string> CurrentCli()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal)
            ? [process, Path.Combine(AppContext.BaseDirectory, "dataforge.dll")]
            : [process];
    }

    /// <summary>The folder of partition <paramref name="index"/>.</summary>
    public string PartitionFolder(int index) => Path.Combine(PartitionsFolder, string.Create(CultureInfo.InvariantCulture, $"part-{index}"));

    /// <summary>The text of <c>partitions.sbatch</c>.</summary>
    public string PartitionsScript()
    {
        var array = string.Create(CultureInfo.InvariantCulture, $"0-{Partitions - 1}");
        var text = Header("the record phase, one array task per partition", $"dataforge-{RunName}", Path.Combine(LogsFolder, "partition-%A_%a"), array);
        text.Append("exec ").AppendJoin(' ', Cli.Select(Quote)).Append(" run ").Append(Quote(Pipeline))
            .Append(" --partition auto --out ").Append(Quote(Path.Combine(PartitionsFolder, "part-"))).Append("\"$SLURM_ARRAY_TASK_ID\"");
        return Finish(text);
    }

    /// <summary>The text of <c>merge.sbatch</c>.</summary>
    public string MergeScript()
    {
        var text = Header("the global phase: merges every partition into one run folder", $"dataforge-{RunName}-merge", Path.Combine(LogsFolder, "merge-%j"), array: null);
        text.Append("exec ").AppendJoin(' ', Cli.Select(Quote)).Append(" merge ").Append(Quote(Pipeline));
        for (var i = 0; i < Partitions; i++)
        {
            text.Append(' ').Append(Quote(PartitionFolder(i)));
        }

        text.Append(" --out ").Append(Quote(RunFolder));
        return Finish(text);
    }

    /// <summary>Quotes <paramref name="word"/> for a POSIX shell (single quotes; plain words stay bare).</summary>
    public static string Quote(string word)
        => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private StringBuilder Header(string what, string jobName, string log, string? array)
    {
        var text = new StringBuilder("#!/bin/bash\n")
            .Append("# Written by `dataforge slurm submit` for ").Append(Pipeline).Append(": ").Append(what).Append(".\n")
            .Append("# Resubmitting is safe: finished partitions exit at once, interrupted ones resume from their run stores.\n")
            .Append("#SBATCH --job-name=").Append(jobName).Append('\n');
        if (array is not null)
        {
            text.Append("#SBATCH --array=").Append(array).Append('\n');
        }

        text
            .Append("#SBATCH --output=").Append(log).Append(".out\n")
            .Append("#SBATCH --error=").Append(log).Append(".err\n");
        foreach (var arg in SbatchArgs)
        {
            text.Append("#SBATCH ").Append(arg).Append('\n');
        }

        text.Append("set -euo pipefail\n");
        if (Home is not null)
        {
            text.Append("export DATAFORGE_HOME=").Append(Quote(Home)).Append('\n');
        }

        return text.Append("export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1\n")
            .Append("cd ").Append(Quote(WorkingDirectory)).Append('\n');
    }

    private string Finish(StringBuilder text)
    {
        foreach (var option in Options)
        {
            text.Append(' ').Append(Quote(option));
        }

        return text.Append('\n').ToString();
    }
}
