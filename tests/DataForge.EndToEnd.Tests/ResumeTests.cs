using System.Diagnostics;
using System.Text;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>A run killed part way and rerun gives the output of an uninterrupted run, recomputing nothing finished.</summary>
public sealed class ResumeTests
{
    private const int Records = 120_000;

    [Fact]
    public async Task Run_KilledPartWayThenRerun_OutputIdenticalAndFinishedResultsNotRecomputed()
    {
        // Arrange: a pipeline whose cacheable step (length-filter) is slow enough to be killed part way.
        using var temp = new TempFolder();
        WriteInput(temp.Combine("input", "records.jsonl"));
        await File.WriteAllTextAsync(temp.Combine("resume.toml"), """
            [run]
            name = "resume"

            [[steps]]
            name = "seeds"
            type = "read"
            path = "input"

            [[steps]]
            name = "length"
            type = "length-filter"
            min_tokens = 1
            max_tokens = 60

            [[steps]]
            name = "out"
            type = "write"
            shard_rows = 50000
            """);
        var store = temp.Combine("output", "store.sqlite");
        string[] args = ["run", "resume.toml", "--out", temp.Combine("output", "run"), "--store", store];

        // Act 1: start, wait until the store holds finished results, kill -9.
        using (var process = Process.Start(CliRunner.StartInfo(temp.Path, args))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await StoreProbe.WaitForCachedResultsAsync(store, process, minimum: 5_000);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        long cachedAtKill;
        await using (var peek = RunStore.Open(store))
        {
            cachedAtKill = peek.CountResults();
        }

        // Act 2: rerun the same command; run the same configuration cleanly elsewhere.
        var resumed = await CliRunner.RunAsync(temp.Path, args);
        var clean = await CliRunner.RunAsync(temp.Path, ["run", "resume.toml", "--out", temp.Combine("clean", "run"), "--store", temp.Combine("clean", "store.sqlite")]);

        // Assert
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.InRange(cachedAtKill, 1, Records - 1);
        Assert.False(Directory.Exists(temp.Combine("output", "run")) && Directory.Exists(temp.Combine("output", ".staging-run")), "staging must be gone once published");

        var resumedShards = RunFolderAssert.ShardBytes(temp.Combine("output", "run"));
        var cleanShards = RunFolderAssert.ShardBytes(temp.Combine("clean", "run"));
        Assert.Equal(cleanShards.Keys, resumedShards.Keys);
        foreach (var (path, bytes) in cleanShards)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(resumedShards[path]), $"{path} differs from an uninterrupted run");
        }

        var all = $"read_parquet(['{temp.Combine("output", "run", "data", "*.parquet")}', '{temp.Combine("output", "run", "rejects", "*.parquet")}'], union_by_name = true)";
        Assert.Equal((long)Records, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM {all}"));
        Assert.Equal((long)Records, RunFolderAssert.Scalar<long>($"SELECT count(DISTINCT id) FROM {all}"));

        await using var ledger = RunStore.Open(store);
        var runId = RunFolderAssert.Manifest(temp.Combine("output", "run")).RootElement.GetProperty("run_id").GetString()!;
        var attempts = ledger.ReadLedger(runId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal("crashed", attempts[0].Status); // killed: never recorded its end; the rerun noticed
        Assert.Equal("finished", attempts[1].Status);
        var length = attempts[1].Steps.Single(s => s.Step == "length");
        Assert.Equal(cachedAtKill, length.CacheHits);
        Assert.Equal(Records - cachedAtKill, length.Computed);
    }

    private static void WriteInput(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            // Every fifth record is long enough to be dropped, so rejects are part of the comparison too.
            var extra = i % 5 == 0 ? string.Concat(Enumerable.Repeat(" word", 80)) : "";
            text.Append($$"""{"instruction": "Task number {{i}}: summarise item {{i * 7 % 1000}}{{extra}}", "input": "", "output": "Summary {{i}}."}""").Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
