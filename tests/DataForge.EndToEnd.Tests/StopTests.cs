using System.Diagnostics;
using System.Globalization;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// An orderly stop (SIGTERM) keeps every result the run finished — the run store holds exactly what
/// the ledger says was computed — and leaves no staging folder behind.
/// </summary>
public sealed class StopTests
{
    private const int Records = 200_000;

    [Fact]
    public async Task Run_Sigterm_StoreHoldsEveryComputedResultAndNoStagingIsLeft()
    {
        // Arrange: one cacheable step (length-filter), slow enough to be stopped part way; a fresh store.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllLinesAsync(temp.Combine("in", "x.jsonl"), Enumerable.Range(0, Records).Select(i => $"{{\"instruction\": \"item {i} of a long list\", \"output\": \"o{i}\"}}"));
        await File.WriteAllTextAsync(temp.Combine("p.toml"), "[[steps]]\nname = \"r\"\ntype = \"read\"\npath = \"in\"\n\n[[steps]]\nname = \"n\"\ntype = \"length-filter\"\n\n[[steps]]\nname = \"w\"\ntype = \"write\"\n");
        var store = temp.Combine("store.sqlite");
        string[] args = ["run", "p.toml", "--out", temp.Combine("run"), "--store", store, "--progress-interval", "0.2"];

        // Act: SIGTERM once the filter is under way.
        using var process = Process.Start(CliRunner.StartInfo(temp.Path, args))!;
        _ = process.StandardOutput.ReadToEndAsync();
        var runId = "";
        while (await process.StandardError.ReadLineAsync() is { } line && !line.Contains("n: in ", StringComparison.Ordinal))
        {
            // Wait for the first progress line; the first line names the run ("run ID: ...").
            runId = runId.Length == 0 && line.StartsWith("run ", StringComparison.Ordinal) ? line[4..line.IndexOf(':', StringComparison.Ordinal)] : runId;
        }

        Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        // Assert
        Assert.Equal(143, process.ExitCode);
        Assert.False(Directory.Exists(temp.Combine(".staging-run")), "a stopped run leaves no staging folder");
        Assert.False(Directory.Exists(temp.Combine("run")), "a stopped run publishes nothing");
        await using var ledger = RunStore.Open(store);
        var attempt = Assert.Single(ledger.ReadLedger(runId));
        Assert.Equal("interrupted", attempt.Status);
        var computed = attempt.Steps.Single(s => s.Step == "n").Computed;
        Assert.InRange(computed, 1, Records - 1);
        Assert.Equal(computed, ledger.CountResults());
    }
}
