namespace DataForge.Cli;

/// <summary>The exit codes of the contract.</summary>
internal static class ExitCodes
{
    public const int Finished = 0;
    public const int Usage = 1;
    public const int Configuration = 2;
    public const int TooManyErrors = 3;

    /// <summary>Stopped by an infrastructure failure (I/O, the run store, a model server unreachable after retries); a rerun resumes.</summary>
    public const int Infrastructure = 4;

    /// <summary>An internal error: a bug in DataForge (sysexits' EX_SOFTWARE). Never an infrastructure failure.</summary>
    public const int Internal = 70;

    /// <summary>Another process holds the run's lock; try again later (sysexits' EX_TEMPFAIL).</summary>
    public const int Locked = 75;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
