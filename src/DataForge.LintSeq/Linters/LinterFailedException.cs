namespace DataForge.LintSeq.Linters;

/// <summary>
/// The linter crashed, hung past its timeout, or answered nonsense; the record is rejected as
/// <c>linter_failed</c>. A Python worker that crashes is first replaced and the call retried
/// (<see cref="PythonLinterOptions.CrashRetries"/>), so this reaches a record only when the
/// program crashes the linter every time, hangs it, or makes it raise.
/// </summary>
public sealed class LinterFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LinterFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LinterFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LinterFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the worker process died or broke the protocol (worth a retry on a fresh worker), not when it hung or the linter raised.</summary>
    internal bool IsWorkerCrash { get; init; }
}
