using System.IO.Compression;
using System.Text;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The <c>read</c> step over every input shape users bring, through the real CLI, shards read back.</summary>
public sealed class ReadInputShapesTests
{
    private const string Lines =
        "{\"instruction\": \"Grüße aus Köln 👋\", \"input\": \"\", \"output\": \"Greetings 👋\", \"extra\": {\"n\": [1, null]}}\n" +
        "{\"instruction\": \"列出三种水果\", \"input\": null, \"output\": \"苹果、香蕉、橙子\"}\n" +
        "{\"messages\": [{\"role\": \"system\", \"content\": [{\"type\": \"text\", \"text\": \"Be terse.\"}]}, {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Say hi\"}, {\"type\": \"text\", \"text\": \"now\"}]}, {\"role\": \"assistant\", \"content\": \"hi\"}]}\n" +
        "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"x.png\"}}]}]}\n";

    private const string Csv =
        "question,context,answer\r\n\"Grüße aus Köln 👋\",,\"Greetings 👋\"\r\n列出三种水果,,\"苹果、\n香蕉、橙子\"\r\nbroken,row\r\n";

    [Fact]
    public async Task Run_EveryInputShape_SameRecordsAsPlainJsonLines()
    {
        // Arrange
        using var temp = new TempFolder();
        var shapes = new (string Name, byte[] Bytes)[]
        {
            ("plain/data.jsonl", Encoding.UTF8.GetBytes(Lines)),
            ("json/data.json", Encoding.UTF8.GetBytes(Lines)),
            ("gz/data.jsonl.gz", Gzip(Lines)),
            ("zst/data.json.zst", new ZstdSharp.Compressor(3).Wrap(Encoding.UTF8.GetBytes(Lines)).ToArray()),
        };
        foreach (var (name, bytes) in shapes)
        {
            temp.Write($"in/{name}", bytes);
        }

        temp.Write("in/plain/config.json", "{\"hidden_size\": 8}");
        temp.Write("in/plain/tokenizer.json", "{}");

        // Act
        var runs = new Dictionary<string, List<string>>();
        string? plainStderr = null;
        foreach (var folder in new[] { "plain", "json", "gz", "zst" })
        {
            var (rows, stderr) = await RunAsync(temp, folder, string.Empty);
            runs[folder] = rows;
            plainStderr ??= stderr;
        }

        // Assert
        Assert.Equal(
            [
                "data.jsonl:1|Grüße aus Köln 👋||Greetings 👋|",
                "data.jsonl:2|列出三种水果||苹果、香蕉、橙子|",
                "data.jsonl:3|Say hi\nnow||hi|system: Be terse. / user: Say hi\nnow / assistant: hi",
            ],
            runs["plain"]);
        Assert.Equal(runs["plain"].Select(r => r.Replace("data.jsonl:", "data.json:", StringComparison.Ordinal)), runs["json"]);
        Assert.Equal(runs["plain"].Select(r => r.Replace("data.jsonl:", "data.jsonl.gz:", StringComparison.Ordinal)), runs["gz"]);
        Assert.Equal(runs["plain"].Select(r => r.Replace("data.jsonl:", "data.json.zst:", StringComparison.Ordinal)), runs["zst"]);
        Assert.Contains("note: read step 'seeds': 2 files under ", plainStderr, StringComparison.Ordinal);
        Assert.Contains("not read: config.json (excluded by 'config.json'), tokenizer.json (excluded by 'tokenizer.json')", plainStderr, StringComparison.Ordinal);
        using var manifest = RunFolderAssert.Manifest(temp.Combine("run-plain"));
        Assert.Contains(manifest.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not read: config.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CsvWithRenamedColumns_PlainAndGzipGiveTheSameShards()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("in/csv/qa.csv", Encoding.UTF8.GetBytes(Csv));
        temp.Write("in/csvgz/qa.csv.gz", Gzip(Csv));
        const string fields = "fields = [\"instruction=question\", \"input=context\", \"output=answer\"]";

        // Act
        var (plain, _) = await RunAsync(temp, "csv", fields);
        var (packed, _) = await RunAsync(temp, "csvgz", fields);

        // Assert
        Assert.Equal(["qa.csv:2|Grüße aus Köln 👋||Greetings 👋|", "qa.csv:3|列出三种水果||苹果、\n香蕉、橙子|"], plain);
        Assert.Equal(plain.Select(r => r.Replace("qa.csv:", "qa.csv.gz:", StringComparison.Ordinal)), packed);
        var rejects = RunFolderAssert.Rows($"SELECT source, reason FROM read_parquet('{temp.Combine("run-csvgz", "rejects", "*.parquet")}')").Select(r => $"{r[0]} {r[1]}");
        Assert.Equal(["in/csvgz/qa.csv.gz:5 invalid_csv"], rejects);
    }

    private static async Task<(List<string> Rows, string Stderr)> RunAsync(TempFolder temp, string folder, string options)
    {
        await File.WriteAllTextAsync(temp.Combine($"{folder}.toml"), $"""
            [run]
            name = "{folder}"
            max_error_fraction = 1.0

            [[steps]]
            name = "seeds"
            type = "read"
            path = "in/{folder}"
            {options}

            [[steps]]
            name = "out"
            type = "write"
            """);
        var run = temp.Combine($"run-{folder}");
        var result = await CliRunner.RunAsync(temp.Path, "run", $"{folder}.toml", "--out", run, "--store", temp.Combine($"{folder}.sqlite"));
        Assert.True(result.ExitCode == 0, result.ToString());
        RunFolderAssert.ShardsMatchManifest(run);
        var rows = RunFolderAssert.Rows($"""
            SELECT source, instruction, coalesce(input, ''), output,
                   coalesce(array_to_string(list_transform(messages, m -> m.role || ': ' || m.content), ' / '), '')
            FROM read_parquet('{Path.Combine(run, "data", "*.parquet")}') ORDER BY source
            """);
        var prefix = $"in/{folder}/";
        return ([.. rows.Select(r => string.Join('|', r.Select(v => v?.ToString())).Replace(prefix, string.Empty, StringComparison.Ordinal))], result.Stderr);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
