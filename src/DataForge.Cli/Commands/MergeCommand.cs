using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge merge</c>: checks the partitions of a run and runs its global phase over their union into one run folder.</summary>
internal sealed class MergeCommand : AsyncCommand<MergeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MergeSettings settings, CancellationToken cancellationToken)
    {
        var loaded = PipelineLoader.Load(settings.Pipeline, settings.Overrides(), StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.Configuration;
        }

        var (backends, identities) = await RunModels.ResolveAsync(spec, cancellationToken);
        var request = new RunRequest(settings.Out, settings.Force, settings.Store, Backends: backends, ModelIdentities: identities) { Partitions = settings.PartitionFolders };
        var executor = new RunExecutor(spec, request, TimeProvider.System);
        Console.Error.WriteLine($"merge of run {executor.RunId} ({settings.PartitionFolders.Length} partitions): {spec.File} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.RunDirectory)}");
        return await RunEnding.RunAsync(
            executor,
            TimeSpan.FromSeconds(settings.ProgressInterval),
            r => $"run {r.RunId} merged: {r.Kept} kept, {r.Rejected} rejected -> {r.RunDirectory}",
            cancellationToken);
    }
}
