using System.Diagnostics;
using System.Globalization;

namespace DataForge.EndToEnd.Tests;

/// <summary>A small tmpfs mounted for one test (a disk that fills up); unmounted on dispose.</summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB at <paramref name="path"/>; null with the reason when mounting is not permitted here.</summary>
    public static TmpfsMount? TryMount(string path, int megabytes, out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux())
        {
            reason = "a tmpfs mount needs Linux";
            return null;
        }

        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={megabytes}m"), "tmpfs", path);
        if (code != 0)
        {
            reason = $"mounting a tmpfs is not permitted here (mount exited {code}: {output.Trim()}); run as root to test a full disk";
            return null;
        }

        return new TmpfsMount(path);
    }

    /// <summary>Unmounts (lazily when still busy).</summary>
    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l", Path);
        }
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
