using System.ComponentModel;
using System.Diagnostics;

namespace DataForge.Cli.Commands;

/// <summary>Submits a batch script with <c>sbatch --parsable</c> and returns its job id.</summary>
internal static class Sbatch
{
    /// <summary>Runs <c>sbatch --parsable [ARGS] SCRIPT</c>; the job id, or the reason it failed.</summary>
    public static async Task<(string? JobId, string Error)> SubmitAsync(string script, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--parsable");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            return (null, "sbatch was not found on PATH: run this on a Slurm login node (or install Slurm's client commands), or use --dry-run and submit the scripts yourself");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var output = (await stdout).Trim();
            if (process.ExitCode != 0)
            {
                return (null, $"sbatch {Path.GetFileName(script)} exited {process.ExitCode}: {(await stderr).Trim()}");
            }

            // --parsable prints "jobid" or "jobid;cluster".
            var id = output.Split(';')[0];
            return id.Length > 0 && id.All(char.IsAsciiDigit) ? (id, "") : (null, $"sbatch {Path.GetFileName(script)} printed no job id: '{output}'");
        }
    }
}
