namespace DataForge.Pipelines.Builds;

/// <summary>Another build of the same pipeline and builds folder holds the lock (exit 75).</summary>
public sealed class BuildLockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BuildLockedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public BuildLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BuildLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The holder, when the lock file named one.</summary>
    public LockHolder? Holder { get; init; }
}
