using DataForge.Core.Diagnostics;
using DataForge.Core.Engine;
using DataForge.Core.Records;

namespace DataForge.Pipelines.Partitions;

/// <summary>
/// The partition folders a merge was given, checked: every one finished, all of the same run (the same
/// resolved configuration and inputs), all N present exactly once. Replaces the record-phase steps of a plan
/// with what the partitions made of them.
/// </summary>
public sealed class PartitionSet
{
    private readonly IReadOnlyList<(string Folder, PartitionManifest Manifest)> _partitions;

    private PartitionSet(IReadOnlyList<(string Folder, PartitionManifest Manifest)> partitions) => _partitions = partitions;

    /// <summary>The partition folders, by index.</summary>
    public IReadOnlyList<string> Folders => [.. _partitions.Select(p => p.Folder)];

    /// <summary>The partitions' manifests, by index.</summary>
    public IReadOnlyList<PartitionManifest> Manifests => [.. _partitions.Select(p => p.Manifest)];

    /// <summary>
    /// Reads and checks <paramref name="folders"/> for the run <paramref name="runId"/>; every problem is
    /// reported at once in a <see cref="DataForgeConfigException"/>.
    /// </summary>
    public static PartitionSet Load(IReadOnlyList<string> folders, string runId)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var problems = new List<string>();
        var found = new List<(string Folder, PartitionManifest Manifest)>();
        foreach (var folder in folders.Select(Path.GetFullPath))
        {
            var manifest = Directory.Exists(folder) ? PartitionManifest.Read(folder) : null;
            if (manifest is null)
            {
                problems.Add(Directory.Exists(folder)
                    ? $"{folder}: not a finished partition (no {PartitionManifest.FileName}); run that partition again"
                    : $"{folder}: no such folder");
            }
            else if (manifest.RunId != runId)
            {
                problems.Add($"{folder}: partition {manifest.Index}/{manifest.Count} of another run ({manifest.Pipeline}, run id {manifest.RunId}); this pipeline with these options is run {runId}");
            }
            else if (manifest.Format != PartitionManifest.CurrentFormat)
            {
                problems.Add($"{folder}: partition layout {manifest.Format}, this DataForge reads {PartitionManifest.CurrentFormat}; run the partition again");
            }
            else
            {
                found.Add((folder, manifest));
            }
        }

        var counts = found.Select(p => p.Manifest.Count).Distinct().Order().ToList();
        if (counts.Count > 1)
        {
            problems.Add($"the partitions disagree on how many there are ({string.Join(", ", counts)}): {string.Join(", ", found.Select(p => $"{p.Folder} is {p.Manifest.Index}/{p.Manifest.Count}"))}");
        }
        else if (counts.Count == 1)
        {
            var n = counts[0];
            foreach (var twice in found.GroupBy(p => p.Manifest.Index).Where(g => g.Count() > 1))
            {
                problems.Add($"partition {twice.Key}/{n} given {twice.Count()} times: {string.Join(", ", twice.Select(p => p.Folder))}");
            }

            var missing = Enumerable.Range(0, n).Where(i => found.All(p => p.Manifest.Index != i)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"missing partition{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {n}");
            }
        }
        else if (problems.Count == 0)
        {
            problems.Add("no partition folders given");
        }

        if (problems.Count > 0)
        {
            throw new DataForgeConfigException($"cannot merge: {string.Join("; ", problems)}");
        }

        return new PartitionSet([.. found.OrderBy(p => p.Manifest.Index)]);
    }

    /// <summary>
    /// <paramref name="nodes"/> with every step the partitions ran replaced by their result (no inputs; its kept
    /// records to the global steps, its rejects to its lane, its counters the partitions' sums).
    /// </summary>
    public IReadOnlyList<GraphNode> Replace(IReadOnlyList<GraphNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var plan = PartitionPlan.Of(nodes);
        var ran = _partitions[0].Manifest.Steps.Select(s => s.Name).ToList();
        var expected = nodes.Where(n => plan.IsRecordPhase(n.Name)).Select(n => n.Name).ToList();
        if (!ran.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new DataForgeConfigException($"cannot merge: the partitions ran the steps {string.Join(", ", ran)}, this DataForge's plan has {string.Join(", ", expected)} on each partition; run the partitions again");
        }

        return [.. nodes.Select(n => plan.IsRecordPhase(n.Name) ? n with { Step = Replay(n), Inputs = [] } : n)];
    }

    private ReplayStep Replay(GraphNode node)
    {
        var steps = _partitions.Select(p => (p.Folder, Step: p.Manifest.Steps.Single(s => s.Name == node.Name))).ToList();
        var kept = steps.All(s => s.Step.Kept is not null) ? Streams(steps.Select(s => Path.Combine(s.Folder, s.Step.Kept!))) : null;
        var rejected = Streams(steps.Where(s => s.Step.Rejects is not null).Select(s => Path.Combine(s.Folder, s.Step.Rejects!)));
        return new ReplayStep(node.Step, steps.Sum(s => s.Step.In), steps.Sum(s => s.Step.Out), kept, rejected);
    }

    private static Func<CancellationToken, IAsyncEnumerable<Sample>> Streams(IEnumerable<string> files)
    {
        var paths = files.ToList();
        return cancellationToken => OrderedMerge.MergeAsync([.. paths.Select(p => SampleLines.ReadAsync(p, cancellationToken))], cancellationToken);
    }
}
