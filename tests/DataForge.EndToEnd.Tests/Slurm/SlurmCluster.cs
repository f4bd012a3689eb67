using System.Diagnostics;
using Xunit;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>
/// A real single-node Slurm cluster on the loopback, in a temporary folder: its own munge key and munged, slurmctld and
/// slurmd in the foreground as children of the tests, started once for the <see cref="SlurmClusterDefinition"/> and stopped
/// (with every job and job step left) when it ends, whether its tests passed or not. Client commands find it through
/// <see cref="Environment"/> (<c>SLURM_CONF</c>). When Slurm or munge is missing, every test of the collection fails
/// with one line saying how to install them.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    private static readonly string[] Daemons = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd"];

    private readonly List<ForegroundDaemon> daemons = [];
    private string folder = "";

    /// <summary>The environment of every Slurm client command (<c>sbatch</c>, <c>scontrol</c>, ...) aimed at this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long the start took, from writing the key until the node was idle.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the Slurm tests start slurmctld, slurmd and munged: Linux only");
        }

        var missing = Daemons.Where(d => !File.Exists(d)).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"{string.Join(", ", missing)} not found: the Slurm tests need Debian's slurm-wlm and munge packages " +
                "(`sudo apt-get install -y --no-install-recommends slurm-wlm munge`; `./dataforge test` installs them).");
        }

        var clock = Stopwatch.StartNew();
        folder = Directory.CreateTempSubdirectory("dataforge-slurm-").FullName;
        foreach (var sub in new[] { "munge", "state", "spool", "log" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        var munge = Path.Combine(folder, "munge");
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(munge, File.GetUnixFileMode(folder));
        var key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = Path.Combine(munge, "munge.socket");
        var conf = Path.Combine(folder, "slurm.conf");
        File.WriteAllText(conf, SlurmConfig.Text(folder, socket, System.Environment.UserName));
        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = conf };

        try
        {
            Start("munged", "-F", "-f", $"--key-file={key}", $"--socket={socket}", $"--pid-file={Path.Combine(munge, "munged.pid")}",
                $"--log-file={Path.Combine(munge, "munged.log")}", $"--seed-file={Path.Combine(munge, "munged.seed")}");
            await WaitForAsync(() => File.Exists(socket), "munged to create its socket");
            Start("slurmctld", "-D", "-i");
            Start("slurmd", "-D", "-N", SlurmConfig.NodeName);
            await WaitForAsync(async () => (await RunAsync("sinfo", "-h", "-n", SlurmConfig.NodeName, "-o", "%T")).Stdout.Trim() == "idle", "the node to be idle");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        StartTime = clock.Elapsed;
    }

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    internal async Task<CliResult> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Submits <paramref name="args"/> with <c>sbatch --parsable</c>; the job id.</summary>
    public async Task<string> SubmitAsync(params string[] args)
    {
        var result = await RunAsync("sbatch", ["--parsable", .. args]);
        Assert.True(result.ExitCode == 0, $"sbatch {string.Join(' ', args)}: {result}");
        return result.Stdout.Trim().Split(';')[0];
    }

    /// <summary>The records of job <paramref name="jobId"/> (one per array task once they start), from <c>scontrol show job</c>.</summary>
    public async Task<IReadOnlyList<SlurmJob>> JobAsync(string jobId)
    {
        var result = await RunAsync("scontrol", "show", "job", "-o", jobId);
        Assert.True(result.ExitCode == 0, $"scontrol show job {jobId}: {result}");
        return SlurmJob.Parse(result.Stdout);
    }

    /// <summary>Waits until the records of <paramref name="jobId"/> satisfy <paramref name="done"/>; those records.</summary>
    public async Task<IReadOnlyList<SlurmJob>> WaitForJobAsync(string jobId, Func<IReadOnlyList<SlurmJob>, bool> done, TimeSpan timeout)
    {
        IReadOnlyList<SlurmJob> records = [];
        await WaitForAsync(async () => (records = await JobAsync(jobId)).Count > 0 && done(records), $"job {jobId}", timeout, () => string.Join("; ", records));
        return records;
    }

    /// <summary>Waits until job <paramref name="jobId"/> (every task of an array) has ended; its records.</summary>
    public Task<IReadOnlyList<SlurmJob>> WaitForEndAsync(string jobId, TimeSpan timeout) => WaitForJobAsync(jobId, r => r.All(j => j.HasEnded), timeout);

    /// <summary>The last lines of the daemons' logs (for failure messages).</summary>
    public string Logs()
        => string.Join('\n', Directory.EnumerateFiles(folder, "*.log", SearchOption.AllDirectories)
            .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(20))}"));

    /// <summary>Cancels every job, stops the daemons and kills any job step left, then deletes the folder.</summary>
    public async Task DisposeAsync()
    {
        if (daemons.Any(d => d.Name == "slurmctld" && d.IsRunning))
        {
            await RunAsync("scancel", "--partition", SlurmConfig.Partition);
            try
            {
                await WaitForAsync(async () => (await RunAsync("squeue", "-h")).Stdout.Trim().Length == 0, "the queue to empty", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // The daemons stop anyway and what is left of the jobs is killed below.
            }
        }

        foreach (var daemon in Enumerable.Reverse(daemons))
        {
            daemon.Stop();
        }

        LeftoverSteps.Kill(folder);
        daemons.Clear();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as TempFolder.
        }
    }

    private void Start(string name, params string[] args)
        => daemons.Add(ForegroundDaemon.Start(Daemons.Single(d => Path.GetFileName(d) == name), args, Environment, Path.Combine(folder, "log", name + "-console.log")));

    private Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private Task WaitForAsync(Func<Task<bool>> condition, string what) => WaitForAsync(condition, what, TimeSpan.FromMinutes(1), () => Logs());

    // A hang guard, not a speed check: generous for a loaded machine.
    private async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (daemons.FirstOrDefault(d => !d.IsRunning) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited ({dead.ExitCode}) while waiting for {what}:\n{Logs()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}: {detail?.Invoke()}");
            }

            await Task.Delay(200);
        }
    }
}
