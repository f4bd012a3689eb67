namespace DataForge.Pipelines.Runs;

/// <summary>Another process holds the run's lock.</summary>
public sealed class RunLockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunLockedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
