using System.Diagnostics;
using System.Net;
using DataForge.Testing;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary><c>dataforge review</c> as a process: its first stdout line, the token it generates off loopback, its errors.</summary>
[Collection(SharedRuns.Name)]
public sealed class CliTests(ReviewRuns runs)
{
    [Fact]
    public async Task Review_PrintsTheUrlFirst_AndServesIt()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var (line, status) = await FirstLineAndStatusAsync(null, "review", runs.Sample, "--port", "0", "--index-dir", temp.Path);

        // Assert
        Assert.Matches(@"^review at http://127\.0\.0\.1:[0-9]+/$", line);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Review_OnAnyAddress_PrintsAGeneratedTokenInTheUrl_AndRefusesRequestsWithoutIt()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var (line, status) = await FirstLineAndStatusAsync(u => u.Split('?')[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), "review", runs.Sample, "--host", "0.0.0.0", "--port", "0", "--index-dir", temp.Path);

        // Assert
        Assert.Matches(@"^review at http://0\.0\.0\.0:[0-9]+/\?token=[0-9a-f]{32}$", line);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Review_NotARunFolder_ExitsWithOneLine()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var (code, _, stderr) = await Cli.RunAsync("review", temp.Path, "--port", "0");

        // Assert
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {temp.Path}: neither a run folder", stderr, StringComparison.Ordinal);
    }

    // Starts the CLI, reads its first stdout line, GETs the URL it printed (rewritten by `url`), then kills it.
    private static async Task<(string Line, HttpStatusCode Status)> FirstLineAndStatusAsync(Func<string, string>? url, params string[] args)
    {
        using var process = Process.Start(Cli.StartInfo(args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) ?? "";
            var address = line.StartsWith("review at ", StringComparison.Ordinal) ? line["review at ".Length..] : "http://127.0.0.1:1/";
            using var client = new HttpClient();
            using var response = await client.GetAsync(url is null ? address : url(address));
            return (line, response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            _ = await stderr;
        }
    }
}
