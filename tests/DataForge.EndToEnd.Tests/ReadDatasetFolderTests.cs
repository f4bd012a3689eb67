using DataForge.Testing;
using DuckDB.NET.Data;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// A Hugging Face dataset folder (README.md configs, splits of globbed files) and a DataForge run
/// folder as the input of a read step, through the real CLI, shards read back with DuckDB.
/// </summary>
public sealed class ReadDatasetFolderTests
{
    private const string Card = """
        ---
        license: cc-by-4.0
        language:
        - de
        - ja
        configs:
        - config_name: qa
          default: true
          data_files:
          - split: train
            path: data/qa/train-*.parquet
          - split: test
            path: data/qa/test-*.parquet
        - config_name: chat
          data_files: chat/*.jsonl
        ---
        # Fragen

        Two configs: question-answer pairs and chats.
        """;

    [Fact]
    public async Task Run_DatasetFolder_DefaultConfigEverySplit_ConfigAndSplitChooseFiles()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("hub/README.md", Card);
        temp.Write("hub/chat/a.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"Ça va ?\"}, {\"role\": \"assistant\", \"content\": \"Oui.\"}]}\n");
        Directory.CreateDirectory(temp.Combine("hub", "data", "qa"));
        Copy(temp.Combine("hub", "data", "qa", "train-00000-of-00001.parquet"), "('tr-1', 'Wie heißt du?', 'Ich heiße Ana.', 'A1'), ('tr-2', 'お名前は？', 'アナです。', NULL)");
        Copy(temp.Combine("hub", "data", "qa", "test-00000-of-00001.parquet"), "('te-1', 'Wie alt bist du?', 'Zwanzig.', 'A2')");

        // Act
        var all = await RunAsync(temp, "all", "path = \"hub\"");
        var test = await RunAsync(temp, "test", "path = \"hub\"\nconfig = \"qa\"\nsplit = \"test\"");
        var chat = await RunAsync(temp, "chat", "path = \"hub\"\nconfig = \"chat\"");

        // Assert
        Assert.Equal(
            [
                "hub/data/qa/train-00000-of-00001.parquet:1|Wie heißt du?|Ich heiße Ana.|tr-1|A1",
                "hub/data/qa/train-00000-of-00001.parquet:2|お名前は？|アナです。|tr-2|",
                "hub/data/qa/test-00000-of-00001.parquet:1|Wie alt bist du?|Zwanzig.|te-1|A2",
            ],
            all);
        Assert.Equal(["hub/data/qa/test-00000-of-00001.parquet:1|Wie alt bist du?|Zwanzig.|te-1|A2"], test);
        Assert.Equal(["hub/chat/a.jsonl:1|Ça va ?|Oui.||"], chat);
    }

    [Fact]
    public async Task Run_UnknownConfig_ConfigurationErrorNamingTheConfigs()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("hub/README.md", Card);
        temp.Write("hub/chat/a.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline("path = \"hub\"\nconfig = \"dialogues\""));

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"), "--store", temp.Combine("s.sqlite"));

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"read step 'seeds': no config 'dialogues' in {temp.Combine("hub", "README.md")}; its configs: qa, chat", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RunFolderAsInput_OnlyKeptRecordsSameIdsOtherColumnsInExtra()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("in/seeds.jsonl",
            "{\"instruction\": \"Nenne eine Farbe.\", \"output\": \"Blau\", \"topic\": \"Farben\"}\n" +
            "{\"instruction\": \"broken\"\n" +
            "{\"messages\": [{\"role\": \"user\", \"content\": \"写一首俳句\"}, {\"role\": \"assistant\", \"content\": \"古池や\"}, {\"role\": \"user\", \"content\": \"再写一首\"}, {\"role\": \"assistant\", \"content\": \"閑さや\"}]}\n" +
            "{\"instruction\": \"\", \"input\": null, \"output\": \"leer\"}\n");
        await File.WriteAllTextAsync(temp.Combine("first.toml"), Pipeline("path = \"in\""));
        var first = await CliRunner.RunAsync(temp.Path, "run", "first.toml", "--out", temp.Combine("run-first"), "--store", temp.Combine("s1.sqlite"));
        Assert.True(first.ExitCode == 0, first.ToString());
        await File.WriteAllTextAsync(temp.Combine("second.toml"), Pipeline("path = \"run-first\""));

        // Act
        var second = await CliRunner.RunAsync(temp.Path, "run", "second.toml", "--out", temp.Combine("run-second"), "--store", temp.Combine("s2.sqlite"));

        // Assert
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("rejects/rejects-00000-of-00001.parquet (not in config 'instructions')", second.Stderr, StringComparison.Ordinal);
        var before = Rows($"SELECT id, instruction, output, to_json(messages)::VARCHAR, source FROM {Data(temp, "run-first")} ORDER BY id");
        var after = Rows($"""
            SELECT id, instruction, output, to_json(messages)::VARCHAR, json_extract_string(meta, '$.extra.source') FROM {Data(temp, "run-second")} ORDER BY id
            """);
        Assert.Equal(3, before.Count);
        Assert.Equal(before, after);
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run-second", "rejects", "*.parquet")}')"));
        Assert.Equal(3L, RunFolderAssert.Scalar<long>($"""
            SELECT count(*) FROM {Data(temp, "run-second")}
            WHERE json_extract_string(meta, '$.extra.id') = id AND json_extract_string(meta, '$.extra.kind') = 'instruction'
              AND json_extract_string(meta, '$.extra.origin') = 'seeds' AND source LIKE 'run-first/data/instructions-train-%.parquet:_'
            """));
        // The first run's meta column is a string column of JSON text: it travels as that string.
        Assert.Equal("{\"extra\":{\"topic\":\"Farben\"}}", RunFolderAssert.Scalar<string>($"SELECT json_extract_string(meta, '$.extra.meta') FROM {Data(temp, "run-second")} WHERE output = 'Blau'"));
    }

    private static async Task<List<string>> RunAsync(TempFolder temp, string name, string read)
    {
        await File.WriteAllTextAsync(temp.Combine($"{name}.toml"), Pipeline(read));
        var result = await CliRunner.RunAsync(temp.Path, "run", $"{name}.toml", "--out", temp.Combine($"run-{name}"), "--store", temp.Combine($"{name}.sqlite"));
        Assert.True(result.ExitCode == 0, result.ToString());
        RunFolderAssert.ShardsMatchManifest(temp.Combine($"run-{name}"));
        return Rows($"""
            SELECT source, instruction, output, json_extract_string(meta, '$.extra.id'), json_extract_string(meta, '$.extra.level')
            FROM {Data(temp, $"run-{name}")}
            """);
    }

    private static string Pipeline(string read) => $"""
        [run]
        name = "hub"
        max_error_fraction = 1.0

        [[steps]]
        name = "seeds"
        type = "read"
        {read}

        [[steps]]
        name = "out"
        type = "write"
        """;

    private static string Data(TempFolder temp, string run) => $"read_parquet('{temp.Combine(run, "data", "*.parquet")}')";

    private static List<string> Rows(string sql) => [.. RunFolderAssert.Rows(sql).Select(r => string.Join('|', r.Select(v => v?.ToString())))];

    // Parquet as a hub's converter writes it (DuckDB here): string columns and an id the record does not read.
    private static void Copy(string path, string values)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM (VALUES {values}) AS t(id, instruction, output, level)) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }
}
