using DataForge.Pipelines.Runs;

namespace DataForge.Pipelines.Builds;

/// <summary>How a build ended.</summary>
public enum BuildStatus
{
    /// <summary>A new build was published and <c>latest</c> switched to it.</summary>
    Built,

    /// <summary>Configuration and inputs are those of the newest build: nothing was run or published.</summary>
    Unchanged,

    /// <summary>A new build was published, but over <c>run.max_error_fraction</c>: <c>latest</c> was not switched (exit 3).</summary>
    TooManyErrors,
}

/// <summary>The end of a build.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="BuildName">The build's folder name (for <see cref="BuildStatus.Unchanged"/>, the newest build's).</param>
/// <param name="BuildDirectory">The build's folder.</param>
/// <param name="Kept">Rows in its data shards.</param>
/// <param name="Rejected">Rows in its rejects.</param>
public sealed record BuildReport(BuildStatus Status, string Pipeline, string BuildName, string BuildDirectory, long Kept, long Rejected)
{
    /// <summary>How the build (for <see cref="BuildStatus.Unchanged"/>, the newest build) ended: <see cref="DataForge.Storage.Runs.ManifestOutcome.Finished"/> or <see cref="DataForge.Storage.Runs.ManifestOutcome.TooManyErrors"/> (exit 3).</summary>
    public string Outcome { get; init; } = DataForge.Storage.Runs.ManifestOutcome.Finished;

    /// <summary>The run's report (null when nothing ran).</summary>
    public RunReport? Run { get; init; }

    /// <summary>Builds removed by retention.</summary>
    public IReadOnlyList<string> Pruned { get; init; } = [];

    /// <summary>One line on what changed since the previous build (empty for the first build, or when unchanged).</summary>
    public string DiffSummary { get; init; } = "";

    /// <summary>Records added / removed / changed among the kept ones since the previous build (0 when unknown).</summary>
    public (long Added, long Removed, long Changed) Changes { get; init; }
}
