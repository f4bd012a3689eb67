namespace DataForge.Storage.Shards;

/// <summary>
/// Writing a Parquet shard failed (a full disk, a lost mount): an <see cref="IOException"/> whose
/// message names the shards, the operating system's reason and what to do. The run stops; what
/// finished is kept in the run store, so a rerun resumes.
/// </summary>
public sealed class ShardWriteException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ShardWriteException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ShardWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ShardWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when <paramref name="exception"/> says the disk (or the user's quota on it) is full.</summary>
    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Unix errno ENOSPC (28) or EDQUOT (122 on Linux, 69 on macOS); Windows ERROR_HANDLE_DISK_FULL (39) or ERROR_DISK_FULL (112).
        return OperatingSystem.IsWindows()
            ? (exception.HResult & 0xFFFF) is 39 or 112
            : exception.HResult is 28 || (OperatingSystem.IsLinux() ? exception.HResult is 122 : exception.HResult is 69);
    }

    /// <summary>
    /// Wraps the failure to write the <paramref name="prefix"/> shards, with what to do: "free space
    /// and rerun to resume" for a full disk, "make the folder writable ..." for a denied access.
    /// </summary>
    public static ShardWriteException For(string prefix, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var hint = exception switch
        {
            IOException io when IsDiskFull(io) => "free space and rerun to resume",
            UnauthorizedAccessException => "make the output folder writable and rerun to resume",
            _ => "rerun the same command to resume",
        };
        return new ShardWriteException($"the {prefix} shards could not be written: {exception.Message} ({hint})", exception);
    }
}
