namespace DataForge.LintSeq.Linters;

/// <summary>The linter is not installed; the record is rejected as <c>linter_missing</c> and the message names the install command.</summary>
public sealed class LinterMissingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LinterMissingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LinterMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LinterMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
