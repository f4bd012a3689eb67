using System.Text;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>
/// <c>dataforge slurm submit</c>: writes a job array (the record phase, one task per partition) and a merge job that
/// depends on it (<c>afterok</c>), then submits both with <c>sbatch</c>. Resubmitting into the same folder is how a
/// failed submission is finished: completed partitions exit at once, interrupted ones resume from their run stores.
/// </summary>
internal sealed class SlurmSubmitCommand : AsyncCommand<SlurmSubmitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SlurmSubmitSettings settings, CancellationToken cancellationToken)
    {
        // The pipeline is checked here, so a broken file fails now rather than on every node.
        var loaded = PipelineLoader.Load(settings.Pipeline, settings.Overrides(), StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.Configuration;
        }

        var folder = Path.GetFullPath(settings.Out ?? Path.Combine("output", spec.Run.Name, "slurm"));
        var scripts = new SlurmScripts(
            folder,
            Path.GetFullPath(settings.Pipeline),
            spec.Run.Name,
            settings.Partitions!.Value,
            settings.PassedOptions(),
            settings.SbatchArgs,
            SlurmScripts.CurrentCli(),
            Environment.CurrentDirectory,
            Environment.GetEnvironmentVariable("DATAFORGE_HOME") is { Length: > 0 } home ? Path.GetFullPath(home) : null);

        // Slurm does not create the folders of --output / --error; the partitions' folders are the runs' own.
        Directory.CreateDirectory(scripts.LogsFolder);
        Directory.CreateDirectory(scripts.PartitionsFolder);
        var partitions = Path.Combine(folder, SlurmScripts.PartitionsFile);
        var merge = Path.Combine(folder, SlurmScripts.MergeFile);
        await File.WriteAllTextAsync(partitions, scripts.PartitionsScript(), new UTF8Encoding(false), cancellationToken);
        await File.WriteAllTextAsync(merge, scripts.MergeScript(), new UTF8Encoding(false), cancellationToken);
        if (settings.DryRun)
        {
            Console.Out.WriteLine($"wrote {partitions} and {merge}; submit with: sbatch --parsable {SlurmScripts.Quote(partitions)}, then sbatch --dependency=afterok:<its job id> {SlurmScripts.Quote(merge)}");
            return ExitCodes.Finished;
        }

        var (array, arrayError) = await Sbatch.SubmitAsync(partitions, [], cancellationToken);
        if (array is null)
        {
            Console.Error.WriteLine($"error: {arrayError}; nothing was submitted (scripts in {folder})");
            return ExitCodes.Infrastructure;
        }

        var (mergeJob, mergeError) = await Sbatch.SubmitAsync(merge, [$"--dependency=afterok:{array}"], cancellationToken);
        if (mergeJob is null)
        {
            Console.Error.WriteLine($"error: {mergeError}; the partitions (job {array}) were submitted but the merge was not: once they end, submit the same command again");
            return ExitCodes.Infrastructure;
        }

        Console.Out.WriteLine($"submitted partitions job {array} ({scripts.Partitions} tasks) and merge job {mergeJob} (afterok:{array}) -> {scripts.RunFolder}");
        return ExitCodes.Finished;
    }
}
