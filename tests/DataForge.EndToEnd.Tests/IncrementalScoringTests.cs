using System.Text;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Scoring is cached per record: with the store of a finished pipelines/select-ic-ifd.toml run, a
/// pool with one more record costs one record's forward passes, and the records scored before keep
/// their scores bit for bit.
/// </summary>
public sealed class IncrementalScoringTests
{
    private const int Pool = 20;

    [Fact]
    public async Task SelectIcIfd_OneRecordAddedToAFinishedPool_ScoresOnlyThatRecord()
    {
        // Arrange: the shipped pipeline, reading a pool of 20 seed records, run once.
        using var temp = new TempFolder();
        var lines = File.ReadLines(Path.Combine(CliRunner.RepoRoot, "seeds", "instructions", "general.jsonl")).Where(l => l.Length > 0).Take(Pool + 1).ToList();
        var pipeline = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "pipelines", "select-ic-ifd.toml")).Replace("\"../seeds/instructions\"", "\"pool\"", StringComparison.Ordinal);
        temp.Write("select-ic-ifd.toml", pipeline);
        TempFolder.CopyModel("tiny", temp.Combine("models", "tiny"));
        temp.Write(Path.Combine("pool", "pool.jsonl"), string.Join("\n", lines.Take(Pool)) + "\n");
        var store = temp.Combine("store.sqlite");
        var first = await CliRunner.RunAsync(temp.Path, ["run", "select-ic-ifd.toml", "--out", temp.Combine("first"), "--store", store]);
        Assert.True(first.ExitCode == 0, first.ToString());

        // Act: one record more in the input, the same store.
        File.AppendAllText(temp.Combine("pool", "pool.jsonl"), lines[Pool] + "\n", Encoding.UTF8);
        var second = await CliRunner.RunAsync(temp.Path, ["run", "select-ic-ifd.toml", "--out", temp.Combine("second"), "--store", store]);

        // Assert: the ledger of the second run shows one record scored, the rest from the store.
        Assert.True(second.ExitCode == 0, second.ToString());
        var runId = RunFolderAssert.Manifest(temp.Combine("second")).RootElement.GetProperty("run_id").GetString()!;
        await using var ledger = RunStore.Open(store);
        var score = ledger.ReadLedger(runId).Single().Steps.Single(s => s.Step == "score");
        Assert.Equal(Pool + 1, score.Received);
        Assert.Equal(1, score.Computed);
        Assert.Equal(Pool, score.CacheHits);

        // ...and every record of the first pool has the same scores in both runs (bit for bit), kept or rejected.
        var both = string.Join(", ", new[] { "first", "second" }.Select(r => $"'{temp.Combine(r, "*", "*.parquet")}'"));
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"""
            WITH rows AS (SELECT id, ic_ifd, ifd, filename LIKE '%/first/%' AS first FROM read_parquet([{both}], union_by_name = true, filename = true))
            SELECT count(*) FROM rows a JOIN rows b ON a.id = b.id AND a.first AND NOT b.first
            WHERE a.ic_ifd IS DISTINCT FROM b.ic_ifd OR a.ifd IS DISTINCT FROM b.ifd
            """));
        Assert.Equal((long)Pool, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("first", "*", "*.parquet")}', union_by_name = true) WHERE ic_ifd IS NOT NULL"));
    }
}
