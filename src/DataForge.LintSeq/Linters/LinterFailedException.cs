namespace DataForge.LintSeq.Linters;

/// <summary>The linter crashed, hung past its timeout, or answered nonsense; the record is rejected as <c>linter_failed</c>.</summary>
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
}
