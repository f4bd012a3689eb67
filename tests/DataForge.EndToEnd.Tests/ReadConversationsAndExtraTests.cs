using System.Text.Json;
using DataForge.Testing;
using DuckDB.NET.Data;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Multi-turn conversations and unmapped input fields through the real CLI: JSON Lines, CSV and a
/// Parquet file written by DuckDB (as a dataset hub would publish it), shards read back with DuckDB.
/// </summary>
public sealed class ReadConversationsAndExtraTests
{
    private const string Chats =
        "{\"id\": \"m-1\", \"category\": \"géographie\", \"messages\": [{\"role\": \"system\", \"content\": \"Réponds en français.\"}, {\"role\": \"user\", \"content\": \"Capitale du Japon ?\"}, {\"role\": \"assistant\", \"content\": \"Tokyo.\"}, {\"role\": \"user\", \"content\": \"Et de la France ?\"}, {\"role\": \"assistant\", \"content\": \"Paris.\"}], \"score\": 0.5, \"turns\": 2, \"flagged\": false, \"tags\": [\"geo\", null], \"author\": {\"name\": \"Ana\", \"langs\": [\"fr\"]}, \"note\": null}\n" +
        "{\"conversations\": [{\"from\": \"human\", \"value\": \"写一首俳句\"}, {\"from\": \"gpt\", \"value\": \"古池や\"}, {\"from\": \"human\", \"value\": \"再写一首\"}, {\"from\": \"gpt\", \"value\": \"閑さや\"}], \"category\": \"poetry\"}\n" +
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello?\"}, {\"role\": \"user\", \"content\": \"Anyone there?\"}, {\"role\": \"assistant\", \"content\": \"Yes, hi!\"}]}\n" +
        "{\"messages\": [{\"role\": \"assistant\", \"content\": \"How can I help?\"}, {\"role\": \"user\", \"content\": \"Sum 2 and 3.\"}, {\"role\": \"assistant\", \"content\": \"\"}, {\"role\": \"user\", \"content\": \"Well?\"}, {\"role\": \"assistant\", \"content\": \"5\"}]}\n" +
        "{\"instruction\": \"Nenne eine Farbe.\", \"input\": \"\", \"output\": \"Blau\", \"category\": \"colours\", \"id\": 7}\n";

    private const string Csv = "instruction,output,category,id\r\n\"Wie heißt du?\",Ana,names,\"q,1\"\r\nLeer,,,\r\n";

    [Fact]
    public async Task Run_MultiTurnAndExtraFields_FirstExchangePairsAndTypedExtraInTheShards()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("in/chats.jsonl", Chats);
        temp.Write("in/qa.csv", Csv);
        WriteHubParquet(temp.Combine("in", "hub.parquet"));
        await File.WriteAllTextAsync(temp.Combine("p.toml"), """
            [run]
            name = "p"

            [[steps]]
            name = "seeds"
            type = "read"
            path = "in"

            [[steps]]
            name = "out"
            type = "write"
            """);

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"), "--store", temp.Combine("s.sqlite"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        var data = $"read_parquet('{temp.Combine("run", "data", "*.parquet")}')";
        var conversations = RunFolderAssert.Rows($"SELECT instruction, output, to_json(messages)::VARCHAR FROM {data} WHERE messages IS NOT NULL ORDER BY source");
        Assert.Equal(6, conversations.Count);
        foreach (var row in conversations)
        {
            var turns = JsonDocument.Parse((string)row[2]!).RootElement.EnumerateArray().Select(t => (Role: t.GetProperty("role").GetString(), Content: t.GetProperty("content").GetString())).ToList();
            var question = turns.FindIndex(t => t.Role == "user");
            Assert.Equal(turns[question].Content, (string?)row[0]);
            var answer = question + 1 < turns.Count && turns[question + 1].Role == "assistant" ? turns[question + 1].Content : null;
            Assert.Equal(answer, (string?)row[1]);
        }

        Assert.Equal(
            ["Capitale du Japon ?|Tokyo.", "写一首俳句|古池や", "Hello?|", "Sum 2 and 3.|", "Wie spät ist es?|Halb drei.", "Und morgen?|"],
            conversations.Select(r => $"{r[0]}|{r[1]}"));

        var extras = RunFolderAssert.Rows($"""
            SELECT source, json_extract_string(meta, '$.extra.category'), json_type(meta, '$.extra.score'), json_type(meta, '$.extra.turns'),
                   json_type(meta, '$.extra.flagged'), json_extract(meta, '$.extra.tags')::VARCHAR, json_extract_string(meta, '$.extra.author.langs[0]'),
                   json_type(meta, '$.extra.note'), json_type(meta, '$.extra.id'), json_extract_string(meta, '$.extra.id')
            FROM {data} WHERE meta IS NOT NULL ORDER BY source
            """).Select(r => string.Join('|', r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(
            [
                "in/chats.jsonl:1|géographie|DOUBLE|UBIGINT|BOOLEAN|[\"geo\",null]|fr|NULL|VARCHAR|m-1",
                "in/chats.jsonl:2|poetry||||||||",
                "in/chats.jsonl:5|colours|||||||UBIGINT|7",
                "in/hub.parquet:1|travel|DOUBLE|UBIGINT|BOOLEAN|[\"de\",null]||NULL|VARCHAR|h-1",
                "in/hub.parquet:2||NULL|UBIGINT|BOOLEAN|[]||NULL|VARCHAR|h-2",
                "in/qa.csv:2|names|||||||VARCHAR|q,1",
                "in/qa.csv:3||||||||VARCHAR|",
            ],
            extras);
        Assert.Equal("{\"category\":\"\",\"id\":\"\"}", RunFolderAssert.Scalar<string>($"SELECT json_extract(meta, '$.extra')::VARCHAR FROM {data} WHERE source = 'in/qa.csv:3'"));
        Assert.Equal(0L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM {data} WHERE meta LIKE '%\"extra\":{{}}%'"));
    }

    // A Parquet file as a hub publishes it: messages as a list of structs, typed columns, a null, a list with a null.
    private static void WriteHubParquet(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            COPY (
              SELECT * FROM (VALUES
                ('h-1', [{'role': 'user', 'content': 'Wie spät ist es?'}, {'role': 'assistant', 'content': 'Halb drei.'}, {'role': 'user', 'content': 'Danke!'}], 'travel', 0.25::DOUBLE, 3, true, ['de', NULL], NULL::VARCHAR),
                ('h-2', [{'role': 'user', 'content': 'Und morgen?'}], NULL, NULL, 1, false, []::VARCHAR[], NULL)
              ) AS t(id, messages, category, score, turns, flagged, tags, note)
            ) TO '{{path}}' (FORMAT parquet)
            """;
        command.ExecuteNonQuery();
    }
}
