namespace DataForge.Storage.Runs;

/// <summary>How a published run ended, so a rerun of it reports the same outcome (and exit code).</summary>
/// <param name="Status"><see cref="Finished"/> or <see cref="TooManyErrors"/>.</param>
/// <param name="InputRecords">Records the read steps produced (good and bad).</param>
/// <param name="ErrorRejects">Rejects that were errors.</param>
/// <param name="MaxErrorFraction">The <c>run.max_error_fraction</c> the run was held to.</param>
public sealed record ManifestOutcome(string Status, long InputRecords, long ErrorRejects, double MaxErrorFraction)
{
    /// <summary>Finished with errors within <c>run.max_error_fraction</c> (exit code 0).</summary>
    public const string Finished = "finished";

    /// <summary>Finished and published, but more errors than <c>run.max_error_fraction</c> allows (exit code 3).</summary>
    public const string TooManyErrors = "too_many_errors";

    /// <summary>Error rejects per input record.</summary>
    public double ErrorFraction => InputRecords == 0 ? 0 : (double)ErrorRejects / InputRecords;
}
