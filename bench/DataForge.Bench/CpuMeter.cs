using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace DataForge.Bench;

/// <summary>
/// CPU seconds used by this process and its child processes (the warm Python workers, the naive
/// per-check linter processes): this process's own time, plus what exited children used
/// (<c>getrusage(RUSAGE_CHILDREN)</c>; .NET reaps them), plus what live children have used so far
/// (<c>/proc/PID/stat</c>). The difference over a row is its CPU cost, which other load on the
/// machine does not inflate the way it inflates wall time. Linux only; elsewhere it reports NaN.
/// </summary>
internal static partial class CpuMeter
{
    private const int RusageChildren = -1;
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    /// <summary>CPU seconds of this process alone (the .NET side, without its linter workers).</summary>
    public static double Own()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    public static double Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        using var self = Process.GetCurrentProcess();
        var seconds = self.TotalProcessorTime.TotalSeconds;
        if (GetRusage(RusageChildren, out var usage) == 0)
        {
            seconds += usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
        }

        return seconds + LiveChildren(Environment.ProcessId);
    }

    private static double LiveChildren(int parent)
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command's closing ')': state ppid ... utime (11th) stime (12th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process exited while being read.
            }
        }

        return ticks / TicksPerSecond;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }
}
