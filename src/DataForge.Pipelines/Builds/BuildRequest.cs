using DataForge.Pipelines.Runs;

namespace DataForge.Pipelines.Builds;

/// <summary>How a build was asked for.</summary>
/// <param name="BuildsRoot">The builds folder (<c>--builds</c>; default <c>builds</c>): the pipeline's builds go to <c>ROOT/NAME/</c>.</param>
/// <param name="Keep">Builds to keep (<c>--keep</c>); the one <c>latest</c> names is never removed.</param>
/// <param name="LockTimeout">A lock older than this is stale even when its holder cannot be checked (another host).</param>
/// <param name="Run">Models and their identities, as for a run; its folder and store are the build's.</param>
public sealed record BuildRequest(string BuildsRoot, int Keep, TimeSpan LockTimeout, RunRequest Run)
{
    /// <summary>Default number of builds kept.</summary>
    public const int DefaultKeep = 7;

    /// <summary>Default lock timeout: longer than any build should take.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromHours(12);
}
