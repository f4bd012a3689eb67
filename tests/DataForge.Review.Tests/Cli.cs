using System.Diagnostics;
using System.Text;

namespace DataForge.Review.Tests;

/// <summary>Runs the built <c>dataforge</c> CLI (copied beside the tests by the project reference) in a child process.</summary>
internal static class Cli
{
    public static string RepoRoot => DataForge.Testing.RepoPaths.Root;

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dataforge.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task RunOkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        if (code != 0)
        {
            throw new InvalidOperationException(new StringBuilder().AppendLine($"dataforge {string.Join(' ', args)}: exit {code}").AppendLine(stdout).AppendLine(stderr).ToString());
        }
    }
}
