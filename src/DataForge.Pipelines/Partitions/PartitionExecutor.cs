using System.Diagnostics;
using DataForge.Core.Diagnostics;
using DataForge.Core.Engine;
using DataForge.Core.Work;
using DataForge.Models.Tokens;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Storage.Runs;
using DataForge.Storage.Store;

namespace DataForge.Pipelines.Partitions;

/// <summary>
/// Runs the record phase of one partition (<c>dataforge run --partition i/N</c>) into a partition folder:
/// the kept records each boundary step hands to the global phase, every record-phase step's rejects (both
/// gzip JSON lines with their order keys), and <c>partition.json</c>, written last. The folder is built
/// beside its final place and renamed into it; finished work lives in the partition's own run store, so an
/// interrupted partition resumes where it stopped.
/// </summary>
public sealed class PartitionExecutor
{
    private readonly PipelineSpec _spec;
    private readonly RunRequest _request;
    private readonly RecordPartition _partition;
    private readonly RunExecutor _run;

    /// <summary>Prepares partition <paramref name="partition"/> of the run <paramref name="spec"/> and <paramref name="request"/> describe.</summary>
    public PartitionExecutor(PipelineSpec spec, RunRequest request, RecordPartition partition, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(partition);
        _spec = spec;
        _request = request;
        _partition = partition;
        _run = new RunExecutor(spec, request with { OutDirectory = null }, time);
        Directory = Path.GetFullPath(request.OutDirectory ?? Path.Combine(request.OutputRoot, spec.Run.Name, "partitions", _run.RunId, FolderName(partition)));
        StorePath = request.StorePath ?? Path.Combine(Path.GetDirectoryName(Directory)!, $"runstore-{FolderName(partition)}.sqlite");
    }

    /// <summary>The id of the whole run this partition belongs to.</summary>
    public string RunId => _run.RunId;

    /// <summary>The partition folder.</summary>
    public string Directory { get; }

    /// <summary>The partition's run store.</summary>
    public string StorePath { get; }

    /// <summary>The default folder name of a partition: <c>part-I-of-N</c>.</summary>
    public static string FolderName(RecordPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return $"part-{partition.Index}-of-{partition.Count}";
    }

    /// <summary>Runs the partition, or returns at once when its folder is already complete for this run.</summary>
    public async Task<PartitionReport> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (PartitionManifest.Read(Directory) is { } done && done.RunId == RunId && done.Index == _partition.Index && done.Count == _partition.Count && !_request.Force)
        {
            return new PartitionReport(Directory, done, AlreadyComplete: true);
        }

        if (System.IO.Directory.Exists(Directory) && PartitionManifest.Read(Directory) is null && System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
        {
            throw new DataForgeConfigException($"{Directory} is not empty and is not a partition folder: give another --out");
        }

        using var runLock = RunLock.Acquire(Directory);
        var staging = Directory + ".partial";
        if (System.IO.Directory.Exists(staging))
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }

        System.IO.Directory.CreateDirectory(staging);
        var store = RunStore.Open(StorePath);
        await using (store.ConfigureAwait(false))
        {
            var attemptId = $"{RunId}/{FolderName(_partition)}";
            store.MarkCrashed(attemptId, Directory);
            var attempt = store.BeginRun(attemptId, _spec.Run.Name, DateTimeOffset.UtcNow, Directory);
            try
            {
                var (manifest, plan) = await RunRecordPhaseAsync(staging, store, cancellationToken).ConfigureAwait(false);
                if (System.IO.Directory.Exists(Directory))
                {
                    System.IO.Directory.Delete(Directory, recursive: true);
                }

                System.IO.Directory.Move(staging, Directory);
                store.FinishRun(attemptId, attempt, ManifestOutcome.Finished, DateTimeOffset.UtcNow, []);
                return new PartitionReport(Directory, manifest, AlreadyComplete: false, plan.Describe());
            }
            catch (Exception)
            {
                store.FinishRun(attemptId, attempt, "failed", DateTimeOffset.UtcNow, []);
                TryDelete(staging);
                throw;
            }
        }
    }

    private async Task<(PartitionManifest Manifest, PartitionPlan Plan)> RunRecordPhaseAsync(string staging, RunStore store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var work = new WorkCounters();
        using var models = new ModelCatalog(_spec.Models, _request.Backends ?? ModelBackendRegistry.CreateDefault(), new ModelBuildContext(_spec.Directory, store, _spec.Run.Seed, _run.Models), _request.Refresh, work);
        var resources = new RunResources(_spec.Directory, RunId, staging, _spec.Run.Limit, () => new Gpt2TokenCounter(), _spec.Run.Seed, store, models, work, _spec.Run.Language);
        var built = _spec.Steps.Select(s => StepNodes.Build(s, resources, _request.Refresh)).ToList();
        try
        {
            var plan = PartitionPlan.Of(built);
            var record = built.Where(n => plan.IsRecordPhase(n.Name)).ToList();
            var sinks = plan.Boundary.ToDictionary(b => b, b => new BoundarySink(Path.Combine(staging, "kept", b + ".jsonl.gz")), StringComparer.Ordinal);
            var nodes = record.Concat(plan.Boundary.Select(b => new GraphNode($"{b}>merge", "boundary", sinks[b], [b], "", 1, 64))).ToList();
            var engine = new PipelineEngine(nodes, new EngineEnvironment(_spec.Run.Seed, RunId, Path.Combine(staging, ".scratch"), store, null, _run.Verdicts, _partition));
            var result = await engine.RunAsync(cancellationToken).ConfigureAwait(false);
            var steps = new List<PartitionStep>();
            for (var i = 0; i < record.Count; i++)
            {
                var stats = result.Stats[i];
                string? rejects = null;
                if (result.LaneOfStep[i] is { } lane)
                {
                    rejects = $"rejects/{record[i].Name}.jsonl.gz";
                    await SampleLines.WriteAllAsync(Path.Combine(staging, rejects), SpillFile.ReadAsync(lane, cancellationToken), cancellationToken).ConfigureAwait(false);
                }

                var kept = sinks.ContainsKey(record[i].Name) ? $"kept/{record[i].Name}.jsonl.gz" : null;
                steps.Add(new PartitionStep(record[i].Name, stats.In, stats.Out, stats.Dropped, Math.Round(stats.Elapsed.TotalSeconds, 3), kept, rejects));
            }

            System.IO.Directory.Delete(Path.Combine(staging, ".scratch"), recursive: true);
            var manifest = new PartitionManifest(PartitionManifest.CurrentFormat, _spec.Run.Name, RunId, _partition.Index, _partition.Count, RunExecutor.CodeVersion, steps, work.Snapshot(), Math.Round(clock.Elapsed.TotalSeconds, 3));
            await store.FlushAsync().ConfigureAwait(false);
            manifest.Write(staging);
            return (manifest, plan);
        }
        finally
        {
            foreach (var disposable in built.Select(n => n.Step).OfType<IAsyncDisposable>())
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the next attempt starts by removing it.
        }
    }
}

/// <summary>The end of a partition's run.</summary>
/// <param name="Directory">The partition folder.</param>
/// <param name="Manifest">Its <c>partition.json</c>.</param>
/// <param name="AlreadyComplete">True when nothing ran: the folder was already complete for this run.</param>
/// <param name="Plan">Which steps ran on the partition and which the merge runs (<see cref="PartitionPlan.Describe"/>); empty when nothing ran.</param>
public sealed record PartitionReport(string Directory, PartitionManifest Manifest, bool AlreadyComplete, string Plan = "");
