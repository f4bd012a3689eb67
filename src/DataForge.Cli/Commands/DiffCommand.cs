using DataForge.Storage.Runs;
using DataForge.Storage.Runs.Diff;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge diff A B</c>: what changed between two run or build folders (records by id, steps, drop reasons, scores).</summary>
internal sealed class DiffCommand : AsyncCommand<DiffSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DiffSettings settings, CancellationToken cancellationToken)
    {
        var before = LatestLink.Resolve(settings.Before);
        var after = LatestLink.Resolve(settings.After);
        foreach (var folder in new[] { before, after })
        {
            if (!File.Exists(Path.Combine(folder, "manifest.json")))
            {
                Console.Error.WriteLine($"error: {folder} is not a finished run folder (no manifest.json)");
                return ExitCodes.Configuration;
            }
        }

        var diff = await RunDiff.ComputeAsync(before, after, cancellationToken);
        Console.Write(settings.Json ? RunDiffFormat.Json(diff) + "\n" : RunDiffFormat.Text(diff));
        return ExitCodes.Finished;
    }
}
