using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Runs;

/// <summary>What a run checks and resolves before it starts: the models' identities and the <c>--refresh</c> names.</summary>
internal static class RunPreparation
{
    /// <summary>Every model's identity (local folders hashed, servers asked), for the run id.</summary>
    public static IReadOnlyDictionary<string, ResolvedModelIdentity> ResolveModels(PipelineSpec spec, RunRequest request)
        => (request.Backends ?? ModelBackendRegistry.CreateDefault())
            .ResolveIdentitiesAsync(spec.Models, new ModelBuildContext(spec.Directory, null, spec.Run.Seed), CancellationToken.None)
            .GetAwaiter().GetResult();

    /// <summary>Refuses a <c>--refresh</c> name the pipeline has no model for.</summary>
    public static void CheckRefresh(PipelineSpec spec, RunRequest request)
    {
        if (request.Refresh?.FirstOrDefault(name => !spec.Models.ContainsKey(name)) is { } unknown)
        {
            throw new DataForgeConfigException($"--refresh {unknown}: the pipeline has no [models.{unknown}] (its models: {(spec.Models.Count == 0 ? "none" : string.Join(", ", spec.Models.Keys))})");
        }
    }
}
