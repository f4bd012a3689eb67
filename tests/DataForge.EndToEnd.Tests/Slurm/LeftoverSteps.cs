using System.Globalization;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>
/// Kills what a stopped test cluster could leave behind: its job step daemons (<c>slurmstepd</c>, which slurmd starts
/// detached, found by the log file of the cluster's folder they hold open) and every process below them (the jobs).
/// </summary>
internal static class LeftoverSteps
{
    /// <summary>Kills (SIGKILL) every process holding a file of <paramref name="folder"/> open, with its descendants.</summary>
    public static void Kill(string folder)
    {
        var parents = Parents();
        var targets = new HashSet<int>(parents.Keys.Where(pid => pid != Environment.ProcessId && HoldsFileIn(pid, folder)));
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (pid, parent) in parents)
            {
                grown |= targets.Contains(parent) && targets.Add(pid);
            }
        }

        foreach (var pid in targets)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    // Every process's parent, from /proc/PID/stat (the field after the parenthesised command name).
    private static Dictionary<int, int> Parents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }

        return parents;
    }

    private static bool HoldsFileIn(int pid, string folder)
    {
        try
        {
            var prefix = folder.TrimEnd('/') + "/";
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
                .Any(fd => new FileInfo(fd).LinkTarget is { } target && target.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
