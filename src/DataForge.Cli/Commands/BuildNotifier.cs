using System.Diagnostics;

namespace DataForge.Cli.Commands;

/// <summary>Runs the <c>--notify</c> command through <c>/bin/sh -c</c> with the build's outcome in its environment; its failure is logged, never the build's.</summary>
internal static class BuildNotifier
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(string command, BuildOutcome outcome)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (name, value) in outcome.Environment())
        {
            info.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                BuildLog.Write($"warning: --notify command still running after {Limit.TotalMinutes:0} min; killed it");
                return;
            }

            if (process.ExitCode != 0)
            {
                BuildLog.Write($"warning: --notify command exited {process.ExitCode}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            BuildLog.Write($"warning: --notify command could not start: {e.Message}");
        }
    }
}
