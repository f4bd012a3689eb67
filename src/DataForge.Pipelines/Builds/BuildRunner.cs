using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Storage.Runs;
using DataForge.Storage.Runs.Diff;

namespace DataForge.Pipelines.Builds;

/// <summary>
/// A nightly build: under the pipeline's build lock, a run of the pipeline over the long-lived run
/// store of its builds folder (so only new or changed records cost work), published as
/// <c>TIMESTAMP-HASH/</c> by one rename, <c>latest</c> switched by another, old builds pruned.
/// A build whose configuration and inputs equal the newest build's runs nothing and publishes nothing.
/// </summary>
public sealed class BuildRunner
{
    private readonly PipelineSpec _spec;
    private readonly BuildRequest _request;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;

    /// <summary>Prepares a build; <paramref name="log"/> gets one line per event worth logging (lock taken over, leftovers removed, builds pruned).</summary>
    public BuildRunner(PipelineSpec spec, BuildRequest request, TimeProvider time, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Keep, 1);
        _spec = spec;
        _request = request;
        _time = time;
        _log = log;
        Folder = new BuildsFolder(Path.Combine(request.BuildsRoot, spec.Run.Name));
    }

    /// <summary>The pipeline's builds folder.</summary>
    public BuildsFolder Folder { get; }

    /// <summary>
    /// Runs the build. <paramref name="execute"/> runs the prepared executor (with progress output);
    /// throws <see cref="BuildLockedException"/> when another build holds the lock.
    /// </summary>
    public async Task<BuildReport> RunAsync(Func<RunExecutor, CancellationToken, Task<RunReport>> execute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execute);
        using var buildLock = BuildLock.Acquire(Folder.Directory, _request.LockTimeout, _time);
        if (buildLock.TakenOver is { } stale)
        {
            _log($"took over a stale lock: {stale.Describe(_time.GetUtcNow())} ({(stale.IsGoneOnThisHost() ? "that process is gone" : $"older than --lock-timeout {_request.LockTimeout.TotalHours:0.##} h")})");
        }

        foreach (var line in Folder.RemoveLeftovers())
        {
            _log(line);
        }

        // Builds that were killed never recorded their end; under the lock none of them is alive.
        var store = Storage.Store.RunStore.Open(Folder.StorePath);
        await using (store.ConfigureAwait(false))
        {
            if (store.MarkAbandoned(_spec.Run.Name) is > 0 and var abandoned)
            {
                _log($"{abandoned} earlier build(s) never recorded their end (killed); marked crashed in the run store's ledger");
            }
        }

        var published = Folder.Published();
        var previous = published.Count > 0 ? published[^1] : null;
        var started = _time.GetUtcNow();
        string? name = null;
        var executor = new RunExecutor(_spec, _request.Run with
        {
            StorePath = Folder.StorePath,
            DiffAgainst = previous?.Path,
            VerdictsPath = Folder.VerdictsPath,
            RunFolderFor = id => Path.Combine(Folder.Directory, name = BuildsFolder.NameFor(started, id)),
            BeforePublish = buildLock.EnsureHeld,
        }, _time);

        BuildReport report;
        if (previous is not null && previous.Manifest.RunId == executor.RunId)
        {
            report = Unchanged(previous);
        }
        else
        {
            var run = await execute(executor, cancellationToken).ConfigureAwait(false);
            var finished = run.Outcome == ManifestOutcome.Finished;
            if (finished)
            {
                Folder.SwitchLatest(name!);
                CrashPoint.Reach(CrashPoint.LatestSwitched);
            }

            var diff = ManifestJson.Read(Path.Combine(run.RunDirectory, "manifest.json")).Diff;
            report = new BuildReport(finished ? BuildStatus.Built : BuildStatus.TooManyErrors, _spec.Run.Name, name!, run.RunDirectory, run.Kept, run.Rejected)
            {
                Run = run,
                Outcome = run.Outcome,
                DiffSummary = diff is null ? "" : RunDiffFormat.Summary(diff),
                Changes = diff is null ? default : (diff.Kept.Added, diff.Kept.Removed, diff.Kept.Changed),
            };
        }

        var (pruned, notices) = Folder.Prune(_request.Keep);
        foreach (var line in pruned.Select(p => $"removed build {p} (--keep {_request.Keep})").Concat(notices))
        {
            _log(line);
        }

        return report with { Pruned = pruned };
    }

    // Nothing new: the newest build stands. If a crash came between its publish and the switch of latest, the switch is made now.
    private BuildReport Unchanged(PublishedBuild newest)
    {
        if (newest.Outcome == ManifestOutcome.Finished && Folder.LatestName != newest.Name)
        {
            Folder.SwitchLatest(newest.Name);
            _log($"latest now names {newest.Name} (the build that published it stopped before switching it)");
        }

        return new BuildReport(BuildStatus.Unchanged, _spec.Run.Name, newest.Name, newest.Path, newest.Manifest.Counts.Kept, newest.Manifest.Counts.Rejected) { Outcome = newest.Outcome };
    }
}
