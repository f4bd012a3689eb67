using System.Globalization;
using DataForge.Pipelines.Builds;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge builds list</c>: the builds of a builds folder, newest first per pipeline.</summary>
internal sealed class BuildsListCommand : Command<BuildsListSettings>
{
    private static readonly string[] Header = ["pipeline", "build", "started (UTC)", "outcome", "kept", "rejected", "changes"];

    public override int Execute(CommandContext context, BuildsListSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Directory))
        {
            Console.Error.WriteLine($"error: {settings.Directory}: no such builds folder");
            return ExitCodes.Configuration;
        }

        var folders = IsPipelineFolder(settings.Directory)
            ? [new BuildsFolder(settings.Directory)]
            : Directory.GetDirectories(settings.Directory).Order(StringComparer.Ordinal).Where(IsPipelineFolder).Select(d => new BuildsFolder(d)).ToList();
        var rows = new List<string[]> { Header };
        var notes = new List<string>();
        var now = DateTimeOffset.UtcNow;
        foreach (var folder in folders)
        {
            var pipeline = Path.GetFileName(folder.Directory);
            var latest = folder.LatestName;
            foreach (var build in folder.Published().Reverse())
            {
                rows.Add(
                [
                    pipeline,
                    build.Name,
                    build.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    build.Outcome + (build.Name == latest ? ", latest" : ""),
                    N(build.Manifest.Counts.Kept),
                    N(build.Manifest.Counts.Rejected),
                    BuildChanges.Of(build.Manifest),
                ]);
            }

            if (BuildLock.ReadHolder(folder.Directory) is { } holder)
            {
                notes.Add($"{pipeline}: a build is in progress or died holding the lock: {holder.Describe(now)}");
            }
        }

        if (rows.Count == 1)
        {
            Console.WriteLine($"no builds in {settings.Directory}");
        }
        else
        {
            var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }
        }

        foreach (var note in notes)
        {
            Console.WriteLine(note);
        }

        return ExitCodes.Finished;
    }

    private static bool IsPipelineFolder(string directory)
        => File.Exists(Path.Combine(directory, BuildsFolder.StoreName)) || new BuildsFolder(directory).Published().Count > 0;

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
