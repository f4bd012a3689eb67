using DataForge.Core.Engine;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Runs;

/// <summary>Builds a run's engine nodes from its validated steps.</summary>
internal static class StepNodes
{
    /// <summary>
    /// Builds the step of <paramref name="spec"/> and its node. A step that uses a model named by
    /// <c>--refresh</c> (<paramref name="refresh"/>) recomputes every result (its cache lookups miss).
    /// Its cache keys hold what it obtained from the build context (models, files): no step can leave them out.
    /// </summary>
    public static GraphNode Build(StepSpec spec, RunResources resources, IReadOnlySet<string>? refresh)
    {
        var context = new StepBuildContext(spec.Name, spec.Options, resources);
        var step = spec.Definition.Factory(context);
        var refreshed = refresh is { Count: > 0 } names && context.ModelsUsed.Any(names.Contains);
        return new GraphNode(spec.Name, spec.Definition.Type, step, spec.Inputs, RunIdentity.Fingerprint(spec), spec.Parallelism, spec.Capacity, refreshed, BuildIdentity.Of(context, step));
    }
}
