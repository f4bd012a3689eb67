using System.Diagnostics;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>A daemon run in the foreground as a child process, its output copied to a file; killed and waited for on <see cref="Stop"/>.</summary>
internal sealed class ForegroundDaemon
{
    private readonly Process process;
    private readonly StreamWriter console;

    private ForegroundDaemon(string name, Process process, StreamWriter console)
    {
        Name = name;
        this.process = process;
        this.console = console;
    }

    /// <summary>The program's file name.</summary>
    public string Name { get; }

    /// <summary>Still running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <paramref name="program"/> with <paramref name="environment"/> added, its output going to <paramref name="consoleLog"/>.</summary>
    public static ForegroundDaemon Start(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string consoleLog)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var console = new StreamWriter(consoleLog) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(console, e.Data);
        process.ErrorDataReceived += (_, e) => Write(console, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ForegroundDaemon(Path.GetFileName(program), process, console);
    }

    /// <summary>Kills the daemon (SIGKILL: the cluster's state is thrown away with its folder) and waits until it has exited.</summary>
    public void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
        lock (console)
        {
            console.Dispose();
        }
    }

    private static void Write(StreamWriter console, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (console)
        {
            try
            {
                console.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a daemon being stopped.
            }
        }
    }
}
