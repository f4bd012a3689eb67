using DataForge.Pipelines.Models;
using DataForge.Pipelines.Validation;

namespace DataForge.Cli.Commands;

/// <summary>The model backends of a run and the models' identities, resolved before it starts (they are part of the run id).</summary>
internal static class RunModels
{
    /// <summary>Local folders are hashed and servers asked (bounded by each model's timeout and retries); a model known by its name only is warned about.</summary>
    public static async Task<(ModelBackendRegistry Backends, IReadOnlyDictionary<string, ResolvedModelIdentity> Identities)> ResolveAsync(PipelineSpec spec, CancellationToken cancellationToken)
    {
        var backends = Models.TorchBackends.CreateRegistry();
        var identities = await backends.ResolveIdentitiesAsync(spec.Models, new ModelBuildContext(spec.Directory, null, spec.Run.Seed), cancellationToken);
        foreach (var (name, known) in identities.Where(i => i.Value.Source == ResolvedModelIdentity.Name))
        {
            Console.Error.WriteLine($"warning: [models.{name}] is known by its name only ({known.Identity}): other weights served under that name would reuse its results; set revision in [models.{name}] (or serve it with `dataforge serve`, which reports its weights)");
        }

        return (backends, identities);
    }
}
