using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge k8s manifest</c>: prints the Indexed Job of a partitioned run and the merge Job that follows it.</summary>
internal sealed class K8sManifestCommand : Command<K8sManifestSettings>
{
    public override int Execute(CommandContext context, K8sManifestSettings settings, CancellationToken cancellationToken)
    {
        // The pipeline is validated here, where it can be fixed, not in a pod (it names the run and its folder).
        var overrides = settings.Limit is { } limit ? [.. settings.Set, $"run.limit={limit}"] : settings.Set;
        var loaded = PipelineLoader.Load(settings.Pipeline, overrides, StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.Configuration;
        }

        Console.Out.Write(K8sManifest.Render(settings, spec.Run.Name));
        return ExitCodes.Finished;
    }
}
