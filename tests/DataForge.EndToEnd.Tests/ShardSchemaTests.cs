using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// The shards' schema as an independent reader (DuckDB) sees it: every column of every record kind has its
/// documented type, <c>meta</c> is one JSON object with typed values, kinds are configs of their own, the
/// validation split never splits a seed, and derived records carry their seed's <c>source</c>.
/// </summary>
public sealed class ShardSchemaTests
{
    private static readonly string[] DataColumns =
    [
        "id VARCHAR", "kind VARCHAR", "instruction VARCHAR", "input VARCHAR", "output VARCHAR",
        "messages STRUCT(\"role\" VARCHAR, \"content\" VARCHAR)[]", "language VARCHAR", "edits VARCHAR[]",
        "parent_id VARCHAR", "root_id VARCHAR", "operation VARCHAR", "round INTEGER", "model VARCHAR", "prompt_id VARCHAR",
        "ifd DOUBLE", "ic_ifd DOUBLE", "less DOUBLE", "s2l_cluster INTEGER", "votes VARCHAR", "meta VARCHAR",
        "source VARCHAR", "origin VARCHAR", "run_id VARCHAR", "step VARCHAR", "reason VARCHAR",
    ];

    [Fact]
    public async Task Run_EveryRecordKind_ColumnsHaveTheirTypesAndMetaIsTyped()
    {
        // Arrange
        using var temp = new TempFolder();
        var instructions = File.ReadLines(Path.Combine(CliRunner.RepoRoot, "seeds", "instructions", "general.jsonl")).Take(8).ToList();
        var programs = File.ReadLines(Path.Combine(CliRunner.RepoRoot, "seeds", "programs", "python.jsonl")).Take(3).ToList();
        temp.Write("seeds/instructions.jsonl", string.Join("\n", [.. instructions, "{\"instruction\": \"hi\", \"output\": \"ok\"}", "{not json"]) + "\n");
        temp.Write("seeds/programs.jsonl", string.Join("\n", [.. programs, "{\"instruction\": \"broken\", \"output\": \"def f(:\\n    pass\\n\", \"language\": \"python\"}"]) + "\n");
        File.Copy(Path.Combine(CliRunner.RepoRoot, "tests", "DataForge.EndToEnd.Tests", "Data", "schema.toml"), temp.Combine("schema.toml"));
        TempFolder.CopyModel("tiny", temp.Combine("models", "tiny"));

        // Act
        var run = await CliRunner.RunAsync(temp.Path, "run", "schema.toml", "--out", temp.Combine("run"));

        // Assert: the run, the kinds as configs of their own, both splits.
        Assert.True(run.ExitCode == 0, run.ToString());
        var data = temp.Combine("run", "data", "*.parquet");
        var rejects = temp.Combine("run", "rejects", "*.parquet");
        var files = Directory.GetFiles(temp.Combine("run", "data")).Select(Path.GetFileName).Select(f => f![..f!.IndexOf("-0", StringComparison.Ordinal)]).Distinct().Order().ToList();
        Assert.Equal(["edit_sequences-train", "edit_sequences-validation", "instructions-train", "instructions-validation"], files);
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}', filename = true) WHERE kind <> CASE WHEN filename LIKE '%edit_sequences-%' THEN 'edit_sequence' ELSE 'instruction' END"));

        // Every column of data and rejects with its type.
        Assert.Equal(DataColumns, Describe(data));
        Assert.Equal([.. DataColumns, "raw VARCHAR"], Describe(rejects));
        Assert.Equal(["edit_sequence", "instruction"], Strings($"SELECT DISTINCT kind FROM read_parquet('{data}') ORDER BY 1"));
        Assert.Contains("raw", Strings($"SELECT DISTINCT kind FROM read_parquet('{rejects}')"));

        // meta: one JSON object per row, typed values, no JSON or numbers hidden in strings.
        foreach (var shards in new[] { data, rejects })
        {
            Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{shards}') WHERE meta IS NOT NULL AND json_type(meta) <> 'OBJECT'"));
            Assert.Equal(0L, RunFolderAssert.Scalar<long>(
                $"SELECT count(*) FROM (SELECT meta, unnest(json_keys(meta)) AS k FROM read_parquet('{shards}') WHERE meta IS NOT NULL) " +
                "WHERE json_type(meta, '$.\"' || k || '\"') = 'VARCHAR' AND (left(meta ->> ('$.\"' || k || '\"'), 1) IN ('{', '[') OR TRY_CAST(meta ->> ('$.\"' || k || '\"') AS DOUBLE) IS NOT NULL)"));
        }

        Assert.Equal(["UBIGINT"], Strings($"SELECT DISTINCT json_type(meta, '$.tokens') FROM read_parquet('{data}') WHERE kind = 'instruction'"));
        Assert.Equal(["OBJECT"], Strings($"SELECT DISTINCT json_type(meta, '$.ifd_losses') FROM read_parquet('{data}') WHERE kind = 'instruction'"));
        Assert.Equal(["UBIGINT"], Strings($"SELECT DISTINCT json_type(meta, '$.lint_calls') FROM read_parquet('{data}') WHERE kind = 'edit_sequence'"));
        Assert.Equal(["BOOLEAN"], Strings($"SELECT DISTINCT json_type(meta, '$.round_cap_reached') FROM read_parquet('{data}') WHERE kind = 'edit_sequence'"));

        // The split is per seed, and derived records carry their seed's file:line.
        Assert.Equal(0L, RunFolderAssert.Scalar<long>(
            $"SELECT count(*) FROM (SELECT coalesce(root_id, id) AS seed FROM read_parquet('{data}', filename = true) GROUP BY seed HAVING count(DISTINCT filename LIKE '%-validation-%') > 1)"));
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'edit_sequence' AND NOT regexp_matches(source, '^seeds/programs\\.jsonl:[1-3]$')"));
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'instruction' AND NOT regexp_matches(source, '^seeds/instructions\\.jsonl:[1-8]$')"));
    }

    private static List<string> Describe(string shards)
        => Strings($"SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('{shards}'))");

    private static List<string> Strings(string sql) => [.. RunFolderAssert.Rows(sql).Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture)!)];
}
