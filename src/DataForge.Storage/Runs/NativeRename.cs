using System.Runtime.InteropServices;

namespace DataForge.Storage.Runs;

/// <summary>
/// The renames a run folder switch needs that .NET does not offer: an atomic exchange of two paths
/// (Linux <c>renameat2</c> with <c>RENAME_EXCHANGE</c>) and a plain <c>rename(2)</c> that replaces a
/// symbolic link (not what it points to).
/// </summary>
internal static partial class NativeRename
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>Behave as on a file system without exchange (tests of the two-rename fallback).</summary>
    internal static bool ExchangeUnsupported { get; set; }

    /// <summary>
    /// Swaps <paramref name="first"/> and <paramref name="second"/> in one step. False where the
    /// platform or the file system cannot (not Linux, an old C library, <c>EINVAL</c>, <c>ENOSYS</c>);
    /// throws <see cref="IOException"/> on any other failure.
    /// </summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux() || ExchangeUnsupported)
        {
            return false;
        }

        try
        {
            if (RenameAt2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is Errno.Invalid or Errno.NotImplemented or Errno.NotSupported
            ? false
            : throw new IOException($"cannot exchange {first} and {second}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (links are moved, not followed).</summary>
    public static void Replace(string source, string destination)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            File.Move(source, destination, overwrite: true);
            return;
        }

        if (Rename(source, destination) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot rename {source} to {destination}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    private static class Errno
    {
        public const int Invalid = 22;
        public const int NotImplemented = 38;
        public const int NotSupported = 95;
    }
}
