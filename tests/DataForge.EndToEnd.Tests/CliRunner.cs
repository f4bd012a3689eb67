using System.Diagnostics;
using System.Text;

namespace DataForge.EndToEnd.Tests;

/// <summary>Runs the built <c>dataforge</c> CLI (copied beside the tests by the project reference) in a child process.</summary>
internal static class CliRunner
{
    public static string RepoRoot => DataForge.Testing.RepoPaths.Root;

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "dataforge.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args)
        => RunWithEnvironmentAsync(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs the CLI with <paramref name="environment"/> set on top of this process's (a null value unsets a variable).</summary>
    public static async Task<CliResult> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung process, not a speed check: generous enough for a loaded CI machine
        // (train-tiny builds its tokenizer from the repository's text before its few steps).
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .AppendLine($"exit {ExitCode}").AppendLine("--- stdout").AppendLine(Stdout).AppendLine("--- stderr").AppendLine(Stderr).ToString();
}
