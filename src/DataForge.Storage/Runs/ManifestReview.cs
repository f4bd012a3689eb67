using DataForge.Core.Review;

namespace DataForge.Storage.Runs;

/// <summary>The review verdicts a run honoured (<c>review</c> in <c>manifest.json</c>; absent for a run without any).</summary>
/// <param name="File">The verdicts file's name.</param>
/// <param name="Sha256">The verdicts' <see cref="ReviewVerdicts.ContentHash"/> (part of the run id).</param>
/// <param name="Accept">Records accepted in the file.</param>
/// <param name="Reject">Records rejected in the file.</param>
/// <param name="Flag">Records flagged in the file.</param>
/// <param name="RejectsApplied">Records this run dropped as <c>reviewer_rejected</c>.</param>
public sealed record ManifestReview(string File, string Sha256, int Accept, int Reject, int Flag, long RejectsApplied)
{
    /// <summary>The entry for <paramref name="verdicts"/> read from <paramref name="path"/>; null when there are none.</summary>
    public static ManifestReview? For(string? path, ReviewVerdicts verdicts, long rejectsApplied)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return path is null || verdicts.IsEmpty
            ? null
            : new ManifestReview(Path.GetFileName(path), verdicts.ContentHash, verdicts.AcceptCount, verdicts.RejectCount, verdicts.FlagCount, rejectsApplied);
    }
}
