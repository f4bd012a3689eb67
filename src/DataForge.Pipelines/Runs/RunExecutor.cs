using System.Reflection;
using DataForge.Core.Diagnostics;
using DataForge.Core.Engine;
using DataForge.Core.Review;
using DataForge.Core.Steps;
using DataForge.Core.Work;
using DataForge.Models.Tokens;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Partitions;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Storage.Review;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;
using DataForge.Storage.Store;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// Runs a validated pipeline: builds the steps, streams the records through the engine, writes
/// rejects, manifest and dataset card into a staging folder, and publishes it with one atomic switch.
/// Finished step results live in the run store, so a rerun after a crash recomputes nothing finished.
/// </summary>
public sealed class RunExecutor
{
    private readonly PipelineSpec _spec;
    private readonly RunRequest _request;
    private readonly TimeProvider _time;
    private readonly RunIdentity _identity;
    private readonly IReadOnlyDictionary<string, ResolvedModelIdentity> _models;
    private readonly ReviewVerdicts _verdicts;
    private PipelineEngine? _engine;
    private PartitionSet? _partitions;

    /// <summary>Prepares a run (computes its id; starts nothing).</summary>
    public RunExecutor(PipelineSpec spec, RunRequest request, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        _spec = spec;
        _request = request;
        _time = time;
        _models = request.ModelIdentities ?? RunPreparation.ResolveModels(spec, request);
        RunPreparation.CheckRefresh(spec, request);
        _verdicts = request.VerdictsPath is { } verdicts ? VerdictFile.Read(verdicts) : ReviewVerdicts.Empty;
        _identity = RunIdentity.Compute(spec, _models.ToDictionary(m => m.Key, m => m.Value.Identity, StringComparer.Ordinal), _verdicts.IsEmpty ? null : _verdicts.ContentHash);
        RunDirectory = Path.GetFullPath(request.RunFolderFor?.Invoke(_identity.RunId) ?? request.OutDirectory ?? Path.Combine(request.OutputRoot, spec.Run.Name, _identity.RunId));
        StorePath = request.StorePath ?? Path.Combine(Path.GetDirectoryName(RunDirectory)!, "runstore.sqlite");
    }

    /// <summary>The run id.</summary>
    public string RunId => _identity.RunId;

    /// <summary>The run's identity (what its id hashes).</summary>
    internal RunIdentity Identity => _identity;

    /// <summary>The models' identities.</summary>
    internal IReadOnlyDictionary<string, ResolvedModelIdentity> Models => _models;

    /// <summary>The folder the run is published to.</summary>
    public string RunDirectory { get; }

    /// <summary>The run store's file.</summary>
    public string StorePath { get; }

    /// <summary>The review verdicts the run honours (<see cref="RunRequest.VerdictsPath"/>; empty without one).</summary>
    public ReviewVerdicts Verdicts => _verdicts;

    /// <summary>Live per-step counters once the run has started (for progress output).</summary>
    public IReadOnlyList<StepStats> LiveStats => _engine?.Stats ?? [];

    /// <summary>The version of DataForge, as written into manifests.</summary>
    public static string CodeVersion =>
        typeof(RunExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Runs the pipeline to a published run folder. Throws <see cref="OutFolderRefusedException"/>
    /// (changing nothing) when the run folder holds files DataForge did not write.
    /// </summary>
    public async Task<RunReport> ExecuteAsync(CancellationToken cancellationToken)
    {
        _partitions = _request.Partitions is { } partitions ? PartitionSet.Load(partitions, RunId) : null;
        var folder = new RunFolder(RunDirectory);
        folder.CheckFinal(_request.Force);
        if (folder.IsComplete && !_request.Force && !folder.HasReplacedLeftovers)
        {
            return AlreadyComplete(folder);
        }

        using var runLock = RunLock.Acquire(RunDirectory);
        folder.Recover();
        RemoveStaleStaging(folder);
        folder.CheckFinal(_request.Force);
        if (folder.IsComplete && !_request.Force)
        {
            return AlreadyComplete(folder);
        }

        var store = RunStore.Open(StorePath);
        await using (store.ConfigureAwait(false))
        {
            // We hold the run's lock: an attempt still marked running is one that died without recording its end.
            store.MarkCrashed(RunId, RunDirectory);
            var attempt = store.BeginRun(RunId, _spec.Run.Name, _time.GetUtcNow(), RunDirectory);
            try
            {
                var report = await RunAndPublishAsync(folder, store, cancellationToken).ConfigureAwait(false);
                store.FinishRun(RunId, attempt, report.Outcome, _time.GetUtcNow(), Ledger());
                return report with { Notices = folder.Notices };
            }
            catch (OperationCanceledException)
            {
                Discard(folder);
                store.FinishRun(RunId, attempt, "interrupted", _time.GetUtcNow(), Ledger());
                throw;
            }
            catch
            {
                Discard(folder);
                store.FinishRun(RunId, attempt, "failed", _time.GetUtcNow(), Ledger());
                throw;
            }
        }
    }

    // A rerun of a published run reports the outcome the manifest recorded (exit 3 stays 3).
    private RunReport AlreadyComplete(RunFolder folder)
    {
        var done = ManifestJson.Read(Path.Combine(RunDirectory, "manifest.json"));
        var outcome = done.Outcome ?? new ManifestOutcome(ManifestOutcome.Finished, 0, 0, _spec.Run.MaxErrorFraction);
        return new RunReport(RunStatus.AlreadyComplete, RunId, RunDirectory, done.Counts.Kept, done.Counts.Rejected, outcome.InputRecords, outcome.ErrorRejects)
        {
            Outcome = outcome.Status,
            MaxErrorFraction = outcome.MaxErrorFraction,
            Notices = folder.Notices,
        };
    }

    // Staging folders of other runs here that were killed (DataForge's marker, and nobody holds their lock).
    private static void RemoveStaleStaging(RunFolder folder)
    {
        foreach (var staging in folder.OtherStagingFolders())
        {
            using var other = RunLock.TryAcquire(RunFolder.RunFolderOfStaging(staging));
            if (other is not null)
            {
                RunFolder.RemoveStaleStaging(staging);
            }
        }
    }

    // A run that stopped leaves no staging folder behind (its finished work is in the run store).
    private static void Discard(RunFolder folder)
    {
        try
        {
            folder.Discard();
        }
        catch (IOException)
        {
            // Best effort: the next run of this folder removes it.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private async Task<RunReport> RunAndPublishAsync(RunFolder folder, RunStore store, CancellationToken cancellationToken)
    {
        folder.PrepareStaging();
        var work = new WorkCounters();
        using var models = new ModelCatalog(_spec.Models, _request.Backends ?? ModelBackendRegistry.CreateDefault(), new ModelBuildContext(_spec.Directory, store, _spec.Run.Seed, _models), _request.Refresh, work);
        var resources = new RunResources(_spec.Directory, RunId, folder.Data, _spec.Run.Limit, () => new Gpt2TokenCounter(), _spec.Run.Seed, store, models, work, _spec.Run.Language);
        var built = _spec.Steps.Select(s => StepNodes.Build(s, resources, _request.Refresh)).ToList();
        var nodes = _partitions?.Replace(built) ?? built;
        var rejectSink = new RejectSink(folder.Rejects, RunId, ShardWriterOptions.Default);
        _engine = new PipelineEngine(nodes, new EngineEnvironment(_spec.Run.Seed, RunId, folder.Scratch, store, rejectSink, _verdicts, Notices: folder.Note));
        EngineResult result;
        try
        {
            result = await _engine.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Steps that hold processes (linter workers) release them however the run ends.
            foreach (var disposable in built.Select(n => n.Step).OfType<IAsyncDisposable>())
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var dropShare in DropShareNotes.For(nodes, result.Stats, _spec.Run.WarnDropFraction))
        {
            folder.Note(dropShare);
        }

        var inputRecords = nodes.Zip(result.Stats).Where(p => p.First.Step is SourceStep or ReplayStep { Replaced: SourceStep }).Sum(p => p.Second.In);
        var errors = result.Stats.Sum(s => s.Errors);
        var outcome = Outcome(inputRecords, errors);
        var digest = await RejectDigest.ReadAsync(result.RejectLanes, cancellationToken).ConfigureAwait(false);
        var manifest = RunManifestBuilder.Build(new ManifestInputs(_spec, _identity, _models, CodeVersion), folder, result, models.Identities) with
        {
            Outcome = outcome,
            Work = _partitions?.Manifests.Aggregate(work.Snapshot(), (sum, p) => sum.Plus(p.Work)) ?? work.Snapshot(),
            Partitions = _partitions is null ? null : new ManifestPartitions(_partitions.Folders.Count, [.. _partitions.Folders.Select(f => Path.GetRelativePath(RunDirectory, f).Replace('\\', '/'))]),
            Review = ManifestReview.For(_request.VerdictsPath, _verdicts, result.Stats.Sum(s => s.Dropped.GetValueOrDefault(ReviewVerdicts.RejectedReason))),
            Endpoints = models.EndpointStats is { Count: > 0 } endpoints ? endpoints : null,
            Notes = folder.Notices is { Count: > 0 } notes ? notes : null,
        };
        manifest = manifest with { Diff = await RunDiffer.DiffAsync(_request.DiffAgainst, folder, manifest, RunDirectory, cancellationToken).ConfigureAwait(false) };
        await ManifestJson.WriteAsync(manifest, Path.Combine(folder.Staging, "manifest.json"), cancellationToken).ConfigureAwait(false);
        if (DatasetCard.LicenseNote(manifest) is { } note)
        {
            folder.Note(note);
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Staging, "README.md"), DatasetCard.Render(manifest, RunDirectory), cancellationToken).ConfigureAwait(false);
        await store.FlushAsync().ConfigureAwait(false);
        CrashPoint.Reach(CrashPoint.BeforePublish);
        _request.BeforePublish?.Invoke();
        folder.Publish();
        CrashPoint.Reach(CrashPoint.Published);
        if (_request.OutDirectory is null && _request.RunFolderFor is null && outcome.Status == ManifestOutcome.Finished)
        {
            // latest names the newest run that finished cleanly; one over max_error_fraction is published but not linked.
            RunFolder.WriteLatest(Path.GetDirectoryName(RunDirectory)!, RunId);
        }

        var status = outcome.Status == ManifestOutcome.TooManyErrors ? RunStatus.TooManyErrors : RunStatus.Finished;
        return new RunReport(status, RunId, RunDirectory, manifest.Counts.Kept, manifest.Counts.Rejected, inputRecords, errors)
        {
            Outcome = outcome.Status,
            MaxErrorFraction = _spec.Run.MaxErrorFraction,
            Rejects = digest,
        };
    }

    private ManifestOutcome Outcome(long inputRecords, long errors)
    {
        var outcome = new ManifestOutcome(ManifestOutcome.Finished, inputRecords, errors, _spec.Run.MaxErrorFraction);
        return outcome.ErrorFraction > _spec.Run.MaxErrorFraction ? outcome with { Status = ManifestOutcome.TooManyErrors } : outcome;
    }

    private IEnumerable<StepLedgerEntry> Ledger() => LiveStats.Select(s => new StepLedgerEntry(s.Step, s.In, s.Out, s.Computed, s.CacheHits));
}
