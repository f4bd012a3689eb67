using DataForge.Pipelines.Models;

namespace DataForge.Pipelines.Runs;

/// <summary>How a run was asked for on the command line.</summary>
/// <param name="OutDirectory">The run folder itself (<c>--out</c>); null: <c>output/NAME/RUN_ID</c>.</param>
/// <param name="Force">Rebuild even when the run folder is complete, and swap it in atomically.</param>
/// <param name="StorePath">The run store; null: <c>runstore.sqlite</c> beside the run folder.</param>
/// <param name="OutputRoot">Root of default run folders (<c>output</c>).</param>
/// <param name="Backends">How <c>[models.NAME]</c> entries are built; null: <see cref="ModelBackendRegistry.CreateDefault"/>.</param>
/// <param name="ModelIdentities">The models' identities, resolved before the run (<see cref="ModelBackendRegistry.ResolveIdentitiesAsync"/>); null: resolved when the run is prepared.</param>
/// <param name="Refresh">Models named by <c>--refresh</c>: every result of a step that uses one is recomputed (and stored afresh).</param>
/// <param name="VerdictsPath">A review verdicts file (<c>--verdicts</c>, docs/verdicts.md) the run honours; null, or a file that does not exist: none.</param>
/// <param name="DiffAgainst">A previous run or build folder (or a pipeline's output folder: its <c>latest</c>); when it holds a <c>manifest.json</c>, the new manifest and dataset card get the diff against it.</param>
public sealed record RunRequest(string? OutDirectory = null, bool Force = false, string? StorePath = null, string OutputRoot = "output", ModelBackendRegistry? Backends = null, IReadOnlyDictionary<string, ResolvedModelIdentity>? ModelIdentities = null, IReadOnlySet<string>? Refresh = null, string? DiffAgainst = null, string? VerdictsPath = null)
{
    /// <summary>Names the run folder from the run id (a build: <c>TIMESTAMP-HASH</c>); wins over <see cref="OutDirectory"/>; such a run never switches <c>output/NAME/latest</c>.</summary>
    public Func<string, string>? RunFolderFor { get; init; }

    /// <summary>Called right before the finished run is switched into place (a build checks it still holds its lock); throwing stops the publish.</summary>
    public Action? BeforePublish { get; init; }

    /// <summary>A merge (<c>dataforge merge</c>): the partition folders whose record phase the run replays instead of running it.</summary>
    public IReadOnlyList<string>? Partitions { get; init; }
}
