namespace DataForge.Pipelines.Runs;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Finished and published.</summary>
    Finished,

    /// <summary>The run folder was already complete; nothing was done.</summary>
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
}
