using DataForge.Storage.Runs;

namespace DataForge.Pipelines.Builds;

/// <summary>A published build: its folder name (<c>TIMESTAMP-HASH</c>), path and manifest.</summary>
/// <param name="Name">The folder name.</param>
/// <param name="Path">The folder.</param>
/// <param name="Manifest">Its manifest.</param>
public sealed record PublishedBuild(string Name, string Path, RunManifest Manifest)
{
    /// <summary>When the build started (from its name).</summary>
    public DateTimeOffset StartedUtc => BuildsFolder.StartOf(Name);

    /// <summary>How the build ended (<see cref="ManifestOutcome.Finished"/> or <see cref="ManifestOutcome.TooManyErrors"/>).</summary>
    public string Outcome => Manifest.Outcome?.Status ?? ManifestOutcome.Finished;
}
