using DataForge.Storage.Runs;

namespace DataForge.Pipelines.Runs;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Finished and published.</summary>
    Finished,

    /// <summary>The run folder was already complete; nothing was done (see <see cref="RunReport.Outcome"/> for how it had ended).</summary>
    AlreadyComplete,

    /// <summary>Finished and published, but too many input records were rejected for errors (exit code 3).</summary>
    TooManyErrors,
}

/// <summary>The end of a run.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="RunId">The run id.</param>
/// <param name="RunDirectory">The published folder.</param>
/// <param name="Kept">Rows in the data shards.</param>
/// <param name="Rejected">Rows in the rejects shards.</param>
/// <param name="InputRecords">Records the read steps produced (good and bad).</param>
/// <param name="ErrorRejects">Rejects that were errors.</param>
public sealed record RunReport(RunStatus Status, string RunId, string RunDirectory, long Kept, long Rejected, long InputRecords, long ErrorRejects)
{
    /// <summary>Error rejects per input record.</summary>
    public double ErrorFraction => InputRecords == 0 ? 0 : (double)ErrorRejects / InputRecords;

    /// <summary>The <c>run.max_error_fraction</c> the run was held to.</summary>
    public double MaxErrorFraction { get; init; }

    /// <summary>The outcome recorded in the manifest (<see cref="ManifestOutcome.Finished"/> or <see cref="ManifestOutcome.TooManyErrors"/>); for an already complete run, the outcome it had.</summary>
    public string Outcome { get; init; } = ManifestOutcome.Finished;

    /// <summary>True when the run (now or when it was built) had more errors than allowed: exit code 3.</summary>
    public bool ExceededErrors => Outcome == ManifestOutcome.TooManyErrors;

    /// <summary>Things worth telling the user that did not stop the run (a replace that kept foreign files, leftovers repaired).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The first error rejects per reason (empty for an already complete run).</summary>
    public RejectDigest Rejects { get; init; } = RejectDigest.Empty;
}
