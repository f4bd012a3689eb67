using DataForge.Core.Seams;

namespace DataForge.Pipelines.Models;

/// <summary>What a model backend may use when it builds a model for a run.</summary>
/// <param name="PipelineDirectory">The pipeline file's folder (relative paths resolve against it).</param>
/// <param name="Cache">The run store's result cache (remote requests are cached there), if any.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Identities">Identities resolved before the run id was computed, by model name; a backend builds its model with the one given.</param>
public sealed record ModelBuildContext(string PipelineDirectory, IResultCache? Cache, long Seed, IReadOnlyDictionary<string, ResolvedModelIdentity>? Identities = null)
{
    /// <summary>An absolute path for a path written in the pipeline file.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, PipelineDirectory);
}
