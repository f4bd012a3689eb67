using DataForge.Pipelines.Models;
using DataForge.Pipelines.Partitions;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge run</c>: validates, runs and publishes a pipeline.</summary>
internal sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var loaded = PipelineLoader.Load(settings.Pipeline, settings.Overrides(), StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.Configuration;
        }

        var (backends, identities) = await RunModels.ResolveAsync(spec, cancellationToken);
        if (settings.Verdicts is { } verdicts && !File.Exists(verdicts))
        {
            Console.Error.WriteLine($"warning: --verdicts {verdicts}: no such file; running without review verdicts");
        }

        var request = new RunRequest(settings.Out, settings.Force || settings.Refresh.Length > 0, settings.Store, Backends: backends, ModelIdentities: identities, Refresh: settings.Refresh.ToHashSet(StringComparer.Ordinal), VerdictsPath: settings.Verdicts);
        if (settings.Partition is { } partition)
        {
            return await RunPartitionAsync(spec, request, PartitionArgument.Resolve(partition, settings.Partitions, Environment.GetEnvironmentVariable), cancellationToken);
        }

        var executor = new RunExecutor(spec, request, TimeProvider.System);
        Console.Error.WriteLine($"run {executor.RunId}: {spec.File} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.RunDirectory)}");
        return await RunEnding.RunAsync(
            executor,
            TimeSpan.FromSeconds(settings.ProgressInterval),
            r => $"run {r.RunId} finished: {r.Kept} kept, {r.Rejected} rejected -> {r.RunDirectory}",
            cancellationToken);
    }

    private static async Task<int> RunPartitionAsync(PipelineSpec spec, RunRequest request, Core.Engine.RecordPartition partition, CancellationToken cancellationToken)
    {
        var executor = new PartitionExecutor(spec, request, partition, TimeProvider.System);
        Console.Error.WriteLine($"run {executor.RunId}, partition {partition}: {spec.File} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.Directory)}");
        var report = await executor.ExecuteAsync(cancellationToken);
        var steps = report.Manifest.Steps;
        if (report.Plan.Length > 0)
        {
            Console.Error.WriteLine(report.Plan);
        }

        Console.WriteLine(report.AlreadyComplete
            ? $"partition {partition} of run {executor.RunId} is already complete: {report.Directory}"
            : $"partition {partition} of run {executor.RunId} finished: {steps.Where(s => s.Kept is not null).Sum(s => s.Out)} records for the merge, {steps.Sum(s => s.Dropped.Values.Sum())} rejected -> {report.Directory}");
        return ExitCodes.Finished;
    }
}
