namespace DataForge.Pipelines.Builds;

/// <summary>
/// One build per pipeline and builds folder at a time. The holder is written to
/// <c>build.lock</c> (host, pid, start time, token); a lock whose holder is gone from this host, or
/// that is older than the lock timeout (a holder on another host cannot be checked), is stale and
/// taken over, which is logged. Reading and replacing <c>build.lock</c> happens under a kernel lock
/// on <c>.build.guard</c>, held for milliseconds and released by the kernel however a process dies,
/// so two builds never both take the lock.
/// </summary>
public sealed class BuildLock : IDisposable
{
    /// <summary>The lock file in a pipeline's builds folder.</summary>
    public const string FileName = "build.lock";

    /// <summary>The guard file (kept: removing it while another process waits on it would break the exclusion).</summary>
    public const string GuardName = ".build.guard";

    private static readonly TimeSpan GuardWait = TimeSpan.FromSeconds(30);
    private readonly string _directory;
    private bool _released;

    private BuildLock(string directory, LockHolder holder, LockHolder? takenOver)
    {
        _directory = directory;
        Holder = holder;
        TakenOver = takenOver;
    }

    /// <summary>This process's holder record.</summary>
    public LockHolder Holder { get; }

    /// <summary>The stale holder this lock replaced, if any.</summary>
    public LockHolder? TakenOver { get; }

    /// <summary>The holder named in <paramref name="directory"/>'s lock file, or null when it is free.</summary>
    public static LockHolder? ReadHolder(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return File.Exists(path) ? LockHolder.Parse(File.ReadAllText(path)) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Takes the lock of the builds folder <paramref name="directory"/>, or throws <see cref="BuildLockedException"/> naming the live holder.</summary>
    public static BuildLock Acquire(string directory, TimeSpan lockTimeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        using var guard = Guard(directory);
        var now = time.GetUtcNow();
        var path = Path.Combine(directory, FileName);
        LockHolder? stale = null;
        if (File.Exists(path))
        {
            var holder = LockHolder.Parse(File.ReadAllText(path));
            if (holder is not null && !holder.IsGoneOnThisHost() && now - holder.StartedUtc <= lockTimeout)
            {
                throw new BuildLockedException($"another build holds {path}: {holder.Describe(now)}") { Holder = holder };
            }

            // A torn or foreign file is stale too: a live holder always leaves a complete record.
            stale = holder ?? new LockHolder("unknown", 0, null, File.GetLastWriteTimeUtc(path), "");
        }

        var mine = LockHolder.ForThisProcess(now);
        var temp = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, mine.ToJson());
        File.Move(temp, path, overwrite: true);
        return new BuildLock(directory, mine, stale);
    }

    /// <summary>Throws <see cref="BuildLockedException"/> when another process has taken the lock over (this build ran past the lock timeout); call before publishing.</summary>
    public void EnsureHeld()
    {
        var current = ReadHolder(_directory);
        if (current?.Token != Holder.Token)
        {
            throw new BuildLockedException($"this build's lock in {_directory} was taken over by {(current is null ? "nobody (it was removed)" : current.Describe(DateTimeOffset.UtcNow))} after --lock-timeout; nothing was published") { Holder = current };
        }
    }

    /// <summary>Removes the lock file when it is still this process's.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        using var guard = Guard(_directory);
        if (ReadHolder(_directory)?.Token == Holder.Token)
        {
            File.Delete(Path.Combine(_directory, FileName));
        }
    }

    // FileShare.None takes a kernel lock (flock) on the guard file: exclusive between processes, released when the holder dies.
    private static FileStream Guard(string directory)
    {
        var path = Path.Combine(directory, GuardName);
        var deadline = DateTime.UtcNow + GuardWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
