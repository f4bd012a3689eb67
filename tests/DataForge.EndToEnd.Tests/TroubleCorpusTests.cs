using System.Text;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>Bad input of many kinds: each bad record lands in the rejects with file:line and reason; every good record is kept.</summary>
public sealed class TroubleCorpusTests
{
    [Fact]
    public async Task Run_TroubleCorpus_RejectsEachBadRecordWithFileLineAndKeepsEveryGoodOne()
    {
        // Arrange
        using var temp = new TempFolder();
        var corpus = temp.Combine("corpus");
        var good = WriteCorpus(corpus);
        await File.WriteAllTextAsync(temp.Combine("trouble.toml"), """
            [run]
            name = "trouble"
            max_error_fraction = 1.0

            [[steps]]
            name = "seeds"
            type = "read"
            path = "corpus"

            [[steps]]
            name = "out"
            type = "write"
            """);

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "trouble.toml", "--out", temp.Combine("run"), "--store", temp.Combine("store.sqlite"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        RunFolderAssert.ShardsMatchManifest(temp.Combine("run"));
        var rejects = RunFolderAssert.Rows($"SELECT source, reason FROM read_parquet('{temp.Combine("run", "rejects", "*.parquet")}') ORDER BY source")
            .Select(r => $"{r[0]} {r[1]}").ToList();
        Assert.Equal(
            [
                "corpus/a-bad-json.jsonl:2 invalid_json",
                "corpus/b-utf8.jsonl:2 invalid_utf8",
                "corpus/c-missing.jsonl:1 missing_field",
                "corpus/d-types.jsonl:1 wrong_type",
                "corpus/e-big.jsonl:1 field_too_large",
                "corpus/f-truncated.jsonl:3 truncated_line",
                "corpus/g-empty.jsonl:1 empty_file",
                "corpus/h-binary.jsonl:1 binary_file",
                "corpus/mixed/broken.json:1 invalid_json",
            ],
            rejects);
        var kept = RunFolderAssert.Rows($"SELECT instruction FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}')")
            .Select(r => (string?)r[0]).ToHashSet();
        Assert.Equal(good.Count, kept.Count);
        foreach (var instruction in good)
        {
            Assert.Contains(instruction, kept);
        }

        var turns = RunFolderAssert.Scalar<long>($"SELECT max(len(messages)) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}')");
        Assert.Equal(4L, turns); // the multi-turn conversation is kept whole
    }

    // Writes the corpus and returns the instructions of every good record in it.
    private static List<string> WriteCorpus(string root)
    {
        var good = new List<string>();
        string Line(string instruction)
        {
            good.Add(instruction);
            return $$"""{"instruction": "{{instruction}}", "input": "", "output": "ok"}""";
        }

        Directory.CreateDirectory(Path.Combine(root, "mixed"));
        File.WriteAllText(Path.Combine(root, "a-bad-json.jsonl"), $"{Line("a1")}\n{{\"instruction\": \"broken\",, }}\n{Line("a3")}\n");
        var utf8 = new List<byte>(Encoding.UTF8.GetBytes(Line("b1") + "\n"));
        utf8.AddRange([(byte)'{', (byte)'"', (byte)'i', 0xC3, 0x28, (byte)'"', (byte)'}', (byte)'\n']);
        utf8.AddRange(Encoding.UTF8.GetBytes(Line("b3") + "\n"));
        File.WriteAllBytes(Path.Combine(root, "b-utf8.jsonl"), [.. utf8]);
        File.WriteAllText(Path.Combine(root, "c-missing.jsonl"), $"{{\"input\": \"no instruction\", \"output\": \"x\"}}\n{Line("c2")}\n");
        File.WriteAllText(Path.Combine(root, "d-types.jsonl"), $"{{\"instruction\": 42, \"output\": \"x\"}}\n{Line("d2")}\n");
        File.WriteAllText(Path.Combine(root, "e-big.jsonl"), $"{{\"instruction\": \"{new string('x', 5 * 1024 * 1024)}\", \"output\": \"x\"}}\n{Line("e2")}\n");
        File.WriteAllText(Path.Combine(root, "f-truncated.jsonl"), $"{Line("f1")}\n{Line("f2")}\n{{\"instruction\": \"cut of");
        File.WriteAllText(Path.Combine(root, "g-empty.jsonl"), "");
        File.WriteAllBytes(Path.Combine(root, "h-binary.jsonl"), [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x00]);
        File.WriteAllText(Path.Combine(root, "i-awkward.jsonl"), "\uFEFF" + Line("i1") + "\r\n\r\n   \r\n" + Line("i2") + "\r\n");
        File.WriteAllText(Path.Combine(root, "mixed", "arr.json"), $"[\n  {Line("m1")},\n  {Line("m2")}\n]\n");
        File.WriteAllText(Path.Combine(root, "mixed", "broken.json"), "[ {\"instruction\": ");
        File.WriteAllText(Path.Combine(root, "mixed", "notes.md"), "# not data: skipped\n");
        File.WriteAllText(Path.Combine(root, "mixed", "tool.py"), "def main():\n    return 1\n");
        good.Add("");
        File.WriteAllText(Path.Combine(root, "mixed", "chat.jsonl"),
            """
            {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "chat1"}, {"role": "assistant", "content": "hi"}, {"role": "user", "content": "more"}]}
            {"conversations": [{"from": "human", "value": "share1"}, {"from": "gpt", "value": "answer"}]}

            """);
        good.Add("chat1");
        good.Add("share1");
        return good;
    }
}
