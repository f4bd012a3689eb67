using DataForge.Pipelines.Models;
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

        // Model identities are part of the run id: local folders are hashed and servers asked first (bounded by each model's timeout and retries).
        var backends = Models.TorchBackends.CreateRegistry();
        var identities = await backends.ResolveIdentitiesAsync(spec.Models, new ModelBuildContext(spec.Directory, null, spec.Run.Seed), cancellationToken);
        foreach (var (name, known) in identities.Where(i => i.Value.Source == ResolvedModelIdentity.Name))
        {
            Console.Error.WriteLine($"warning: [models.{name}] is known by its name only ({known.Identity}): other weights served under that name would reuse its results; set revision in [models.{name}] (or serve it with `dataforge serve`, which reports its weights)");
        }

        if (settings.Verdicts is { } verdicts && !File.Exists(verdicts))
        {
            Console.Error.WriteLine($"warning: --verdicts {verdicts}: no such file; running without review verdicts");
        }

        var request = new RunRequest(settings.Out, settings.Force || settings.Refresh.Length > 0, settings.Store, Backends: backends, ModelIdentities: identities, Refresh: settings.Refresh.ToHashSet(StringComparer.Ordinal), VerdictsPath: settings.Verdicts);
        var executor = new RunExecutor(spec, request, TimeProvider.System);
        Console.Error.WriteLine($"run {executor.RunId}: {spec.File} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.RunDirectory)}");
        return await RunEnding.RunAsync(
            executor,
            TimeSpan.FromSeconds(settings.ProgressInterval),
            r => $"run {r.RunId} finished: {r.Kept} kept, {r.Rejected} rejected -> {r.RunDirectory}",
            cancellationToken);
    }
}
