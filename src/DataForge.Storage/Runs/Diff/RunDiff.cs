using DataForge.Core.Records;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Runs.Diff;

/// <summary>
/// What changed between two run or build folders: kept (and rejected) records by <c>id</c>, each
/// step's counts and drops per reason, the ten largest changes in drop reasons, and the drift of
/// each score's distribution over the written records. Written into <c>manifest.json</c> as <c>diff</c>.
/// </summary>
/// <param name="Before">The older folder.</param>
/// <param name="After">The newer folder.</param>
/// <param name="Kept">The records of the data shards.</param>
/// <param name="Rejected">The records of the rejects shards.</param>
/// <param name="Steps">Every step of either manifest: the newer pipeline's order, then steps only the older one had.</param>
/// <param name="TopReasonChanges">The (at most ten) largest changes in drops per step and reason, by absolute change, then step and reason.</param>
/// <param name="Scores">Per score (sorted by name): its summary over the written records, before and after.</param>
public sealed record RunDiff(
    DiffSide Before,
    DiffSide After,
    RecordChanges Kept,
    RecordChanges Rejected,
    IReadOnlyList<StepDiff> Steps,
    IReadOnlyList<ReasonChange> TopReasonChanges,
    IReadOnlyList<ScoreDrift> Scores)
{
    /// <summary>How many reason changes <see cref="TopReasonChanges"/> keeps.</summary>
    public const int TopReasons = 10;

    private const string Written = "written";

    /// <summary>Diffs two finished folders, reading each one's <c>manifest.json</c>.</summary>
    /// <exception cref="FileNotFoundException">A folder has no <c>manifest.json</c>.</exception>
    public static Task<RunDiff> ComputeAsync(string beforeFolder, string afterFolder, CancellationToken cancellationToken)
        => ComputeAsync(beforeFolder, ReadManifest(beforeFolder), afterFolder, ReadManifest(afterFolder), cancellationToken);

    /// <summary>
    /// Diffs two folders whose manifests are given: <paramref name="afterFolder"/> may be a staging
    /// folder whose <c>manifest.json</c> is not written yet. Shards are read from the paths each
    /// manifest lists, relative to its folder.
    /// </summary>
    /// <exception cref="InvalidDataException">A listed shard is missing.</exception>
    public static async Task<RunDiff> ComputeAsync(string beforeFolder, RunManifest before, string afterFolder, RunManifest after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        // One side's digests at a time: the kept ones are dropped before the rejects are read.
        var kept = await CompareAsync<ShardRow>(beforeFolder, before, afterFolder, after, "data/", cancellationToken).ConfigureAwait(false);
        var rejected = await CompareAsync<RejectRow>(beforeFolder, before, afterFolder, after, "rejects/", cancellationToken).ConfigureAwait(false);
        var steps = CompareSteps(before.Counts.Steps, after.Counts.Steps);
        return new RunDiff(
            Side(beforeFolder, before),
            Side(afterFolder, after),
            kept.Changes,
            rejected.Changes,
            steps,
            TopChanges(steps),
            CompareScores(before.Scores.GetValueOrDefault(Written) ?? kept.ScoresBefore, after.Scores.GetValueOrDefault(Written) ?? kept.ScoresAfter));
    }

    /// <summary>Counts added, removed, changed and unchanged ids of two digests.</summary>
    internal static RecordChanges Compare(IReadOnlyDictionary<string, UInt128> before, IReadOnlyDictionary<string, UInt128> after)
    {
        long changed = 0, unchanged = 0;
        foreach (var (id, hash) in after)
        {
            if (before.TryGetValue(id, out var old))
            {
                if (old == hash)
                {
                    unchanged++;
                }
                else
                {
                    changed++;
                }
            }
        }

        var common = changed + unchanged;
        return new RecordChanges(after.Count - common, before.Count - common, changed, unchanged);
    }

    // Score summaries are computed from the data shards only for a manifest without scores.written.
    private static async Task<(RecordChanges Changes, IReadOnlyDictionary<string, ScoreSummary>? ScoresBefore, IReadOnlyDictionary<string, ScoreSummary>? ScoresAfter)> CompareAsync<TRow>(
        string beforeFolder, RunManifest before, string afterFolder, RunManifest after, string prefix, CancellationToken cancellationToken)
        where TRow : ShardRow, new()
    {
        var summarize = typeof(TRow) == typeof(ShardRow);
        var old = await ShardDigest.ReadAsync<TRow>(beforeFolder, before, prefix, summarize && !before.Scores.ContainsKey(Written), cancellationToken).ConfigureAwait(false);
        var now = await ShardDigest.ReadAsync<TRow>(afterFolder, after, prefix, summarize && !after.Scores.ContainsKey(Written), cancellationToken).ConfigureAwait(false);
        return (Compare(old.Records, now.Records), old.Scores, now.Scores);
    }

    private static List<StepDiff> CompareSteps(IReadOnlyDictionary<string, ManifestStepCount> before, IReadOnlyDictionary<string, ManifestStepCount> after)
    {
        var names = after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k)));
        return [.. names.Select(name =>
        {
            var old = before.GetValueOrDefault(name);
            var now = after.GetValueOrDefault(name);
            var reasons = (old?.Dropped.Keys ?? []).Union(now?.Dropped.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var dropped = reasons.Select(r => new ReasonChange(name, r, old?.Dropped.GetValueOrDefault(r) ?? 0, now?.Dropped.GetValueOrDefault(r) ?? 0)).ToList();
            return new StepDiff(name, old, now, dropped);
        })];
    }

    private static List<ReasonChange> TopChanges(IEnumerable<StepDiff> steps)
        => [.. steps.SelectMany(s => s.Dropped).Where(c => c.Change != 0)
            .OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Step, StringComparer.Ordinal).ThenBy(c => c.Reason, StringComparer.Ordinal)
            .Take(TopReasons)];

    private static List<ScoreDrift> CompareScores(IReadOnlyDictionary<string, ScoreSummary>? before, IReadOnlyDictionary<string, ScoreSummary>? after)
    {
        before ??= new Dictionary<string, ScoreSummary>();
        after ??= new Dictionary<string, ScoreSummary>();
        return [.. before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new ScoreDrift(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))];
    }

    private static DiffSide Side(string folder, RunManifest manifest)
        => new(Path.GetFullPath(folder), manifest.RunId, manifest.Counts.Kept, manifest.Counts.Rejected);

    private static RunManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, "manifest.json");
        return File.Exists(path) ? ManifestJson.Read(path) : throw new FileNotFoundException($"{folder} is not a finished run folder (no manifest.json)", path);
    }
}
