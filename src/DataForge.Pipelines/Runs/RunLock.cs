namespace DataForge.Pipelines.Runs;

/// <summary>An exclusive lock beside a run folder, so two processes never build the same run at once.</summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static RunLock Acquire(string runDirectory)
    {
        var parent = Path.GetDirectoryName(runDirectory)!;
        Directory.CreateDirectory(parent);
        var path = Path.Combine(parent, $".lock-{Path.GetFileName(runDirectory)}");
        try
        {
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException e)
        {
            throw new RunLockedException($"another DataForge process is building {runDirectory} (lock {path})", e);
        }
    }

    /// <summary>The lock of <paramref name="runDirectory"/>, or null while another process holds it.</summary>
    public static RunLock? TryAcquire(string runDirectory)
    {
        try
        {
            return Acquire(runDirectory);
        }
        catch (RunLockedException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
