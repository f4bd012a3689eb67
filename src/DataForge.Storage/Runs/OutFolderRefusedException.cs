namespace DataForge.Storage.Runs;

/// <summary>
/// A run folder (<c>--out</c>) DataForge will not write to or replace, because it holds files
/// DataForge did not write. Nothing was changed; the message names what is there.
/// </summary>
public sealed class OutFolderRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutFolderRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OutFolderRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public OutFolderRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
