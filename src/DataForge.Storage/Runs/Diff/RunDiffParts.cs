using DataForge.Core.Records;

namespace DataForge.Storage.Runs.Diff;

/// <summary>One of the two folders a diff compares.</summary>
/// <param name="Folder">The run or build folder (as given; for a run diffed while it was written, its final folder).</param>
/// <param name="RunId">The run id its manifest names.</param>
/// <param name="Kept">Rows in its data shards, as its manifest counts them.</param>
/// <param name="Rejected">Rows in its rejects shards, as its manifest counts them.</param>
public sealed record DiffSide(string Folder, string RunId, long Kept, long Rejected);

/// <summary>
/// Records of two folders matched by <c>id</c> (distinct ids are counted). A record is
/// <em>changed</em> when the same id has different content: every column but <c>run_id</c> is compared.
/// </summary>
/// <param name="Added">Ids only in the newer folder.</param>
/// <param name="Removed">Ids only in the older folder.</param>
/// <param name="Changed">Ids in both whose rows differ in a column other than <c>run_id</c>.</param>
/// <param name="Unchanged">Ids in both with the same rows.</param>
public sealed record RecordChanges(long Added, long Removed, long Changed, long Unchanged);

/// <summary>How many records one step dropped for one reason, before and after.</summary>
/// <param name="Step">The step.</param>
/// <param name="Reason">The drop reason.</param>
/// <param name="Before">Drops in the older folder (0 when it had none).</param>
/// <param name="After">Drops in the newer folder (0 when it had none).</param>
public sealed record ReasonChange(string Step, string Reason, long Before, long After)
{
    /// <summary><see cref="After"/> minus <see cref="Before"/>.</summary>
    public long Change => After - Before;
}

/// <summary>One step's counts in both manifests.</summary>
/// <param name="Step">The step name.</param>
/// <param name="Before">Its counts in the older manifest; null when that pipeline had no such step.</param>
/// <param name="After">Its counts in the newer manifest; null when this pipeline has no such step.</param>
/// <param name="Dropped">Drops per reason, before and after, for every reason either side names (sorted by reason).</param>
public sealed record StepDiff(string Step, ManifestStepCount? Before, ManifestStepCount? After, IReadOnlyList<ReasonChange> Dropped);

/// <summary>The distribution of one score over the written records, before and after.</summary>
/// <param name="Score">The score name.</param>
/// <param name="Before">Its summary in the older folder; null when no record had it.</param>
/// <param name="After">Its summary in the newer folder; null when no record has it.</param>
public sealed record ScoreDrift(string Score, ScoreSummary? Before, ScoreSummary? After);
