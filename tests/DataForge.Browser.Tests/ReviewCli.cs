using System.Diagnostics;
using DataForge.Testing;
using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>The real <c>dataforge</c> CLI for the browser tests: runs, builds, exports, and a served review tool.</summary>
public static class ReviewCli
{
    /// <summary>Runs <c>dataforge ARGS</c> to the end and returns its exit code and output (stdout then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs a pipeline (its file and options in <paramref name="pipeline"/>) into TEMP/run, then serves it.</summary>
    public static async Task<ServedRun> RunAndServeAsync(TempFolder temp, string[] pipeline)
    {
        var made = await RunAsync(["run", .. pipeline, "--out", temp.Combine("run")]);
        Assert.True(made.ExitCode == 0, made.Output);
        return await ServeAsync(temp.Combine("run"), temp.Combine("index"));
    }

    /// <summary>Starts <c>dataforge review PATH --port 0</c> and reads its address from the first stdout line.</summary>
    public static async Task<ServedRun> ServeAsync(string path, string indexDirectory)
    {
        var server = Process.Start(Start(["review", path, "--port", "0", "--index-dir", indexDirectory]))!;
        var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.StartsWith("review at http://", first, StringComparison.Ordinal);
        return new ServedRun(server, new Uri(first!["review at ".Length..]));
    }

    private static ProcessStartInfo Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dataforge.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}

/// <summary>A running <c>dataforge review</c> and the origin it serves; disposing stops it.</summary>
/// <param name="Server">The server process.</param>
/// <param name="Origin">Its address.</param>
public sealed record ServedRun(Process Server, Uri Origin) : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Server.Kill(entireProcessTree: true);
        await Server.WaitForExitAsync();
        Server.Dispose();
    }
}
