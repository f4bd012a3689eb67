using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataForge.LintSeq.Linters;

/// <summary>Checks, before a run, that Debian's Python can import a linter, so <c>validate</c> can warn with the install command.</summary>
public static class PythonLinterCheck
{
    private static readonly ConcurrentDictionary<(string, string), string?> Known = new();

    /// <summary>Null when <paramref name="pythonPath"/> imports <paramref name="module"/>; else a message naming the install command.</summary>
    public static string? Problem(string module, string pythonPath = "/usr/bin/python3")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        return Known.GetOrAdd((module, pythonPath), key => Probe(key.Item1, key.Item2));
    }

    private static string? Probe(string module, string pythonPath)
    {
        var missing = $"{pythonPath} cannot import {module}: Python programs would be rejected as linter_missing; install it with: {PythonLinterOptions.InstallCommand}";
        try
        {
            var info = new ProcessStartInfo(pythonPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"import {module}");
            using var process = Process.Start(info)!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return missing;
            }

            return process.ExitCode == 0 ? null : missing;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return missing;
        }
    }
}
