using System.Text;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>
/// Reads the committed trouble corpus (Data/Readers/trouble) plus files generated here (a 5 MB
/// field, a Parquet file, a hidden folder) and checks every reject and every good record.
/// </summary>
public sealed class TroubleCorpusTests : IDisposable
{
    private static readonly string[] ExpectedRejects =
    [
        "alpaca.jsonl:2 invalid_json",
        "alpaca.jsonl:4 missing_field",
        "alpaca.jsonl:5 wrong_type",
        "alpaca.jsonl:6 not_an_object",
        "big.jsonl:1 field_too_large",
        "blank.ndjson:1 empty_file",
        "blob.jsonl:1 binary_file",
        "chat.jsonl:3 wrong_type",
        "chat.jsonl:4 missing_field",
        "empty.jsonl:1 empty_file",
        "invalid_utf8.jsonl:2 invalid_utf8",
        "seeds.parquet:2 missing_field",
        "sharegpt.json:13 missing_field",
        "truncated.jsonl:3 truncated_line",
    ];

    private static readonly string[] ExpectedKept =
    [
        "alpaca.jsonl:1", "alpaca.jsonl:3", "alpaca.jsonl:7",
        "big.jsonl:2",
        "bom_crlf.jsonl:1", "bom_crlf.jsonl:4", "bom_crlf.jsonl:6",
        "chat.jsonl:1", "chat.jsonl:2",
        "invalid_utf8.jsonl:1", "invalid_utf8.jsonl:3",
        "mixed/array.json:2", "mixed/array.json:4",
        "mixed/hello.py:1",
        "mixed/nested/deeper.ndjson:1",
        "mixed/records.jsonl:1", "mixed/records.jsonl:2",
        "seeds.parquet:1", "seeds.parquet:3",
        "sharegpt.json:2", "sharegpt.json:12",
        "truncated.jsonl:1", "truncated.jsonl:2",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_TroubleCorpus_ExactRejectsAndEveryGoodRecord()
    {
        // Arrange
        await PrepareAsync();

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Path, new RecordReaderOptions { Origin = "trouble" });

        // Assert
        Assert.Equal(ExpectedRejects, outcomes.RejectSummary());
        Assert.Equal(ExpectedKept, outcomes.Kept().Select(o => o.Sample.Source));
        Assert.All(outcomes, o => Assert.Equal("trouble", o.Sample.Origin));
        Assert.All(outcomes.Rejected(), o => Assert.Equal(SampleKinds.Raw, o.Sample.Kind));
        Assert.All(outcomes.Rejected(), o => Assert.False(string.IsNullOrWhiteSpace(o.Sample.MetaText("detail"))));
        var kept = outcomes.Kept().ToDictionary(o => o.Sample.Source!, o => o.Sample);
        SpotCheck(kept);
    }

    [Fact]
    public async Task ReadAsync_TroubleCorpusTwice_IdenticalOutcomes()
    {
        // Arrange
        await PrepareAsync();

        // Act
        var first = await ReaderTestKit.ReadAllAsync(_folder.Path);
        var second = await ReaderTestKit.ReadAllAsync(_folder.Path);

        // Assert
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.Count, first.Select(o => o.Sample.Source).Distinct().Count());
    }

    [Fact]
    public async Task ReadAsync_TroubleCorpusWithLimit_StopsAtLimit()
    {
        // Arrange
        await PrepareAsync();

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Path, new RecordReaderOptions { Limit = 5 });

        // Assert
        Assert.Equal(ExpectedKept[..5], outcomes.Kept().Select(o => o.Sample.Source));
        Assert.Equal("bom_crlf.jsonl:1", outcomes[^1].Sample.Source);
    }

    private static void SpotCheck(Dictionary<string, Sample> kept)
    {
        var multiTurn = kept["chat.jsonl:1"];
        Assert.Equal(["system", "user", "assistant", "user", "assistant"], multiTurn.Messages!.Value.Select(m => m.Role));
        Assert.Equal(("What is 2+2?", "4"), (multiTurn.Instruction, multiTurn.Output));
        var haiku = kept["sharegpt.json:2"];
        Assert.Equal(5, haiku.Messages!.Value.Length);
        Assert.Equal(new ChatMessage("user", "Another one."), haiku.Messages.Value[3]);
        Assert.Equal(("Write a haiku.", "Leaves fall softly down"), (haiku.Instruction, haiku.Output));
        Assert.Equal("tool", kept["sharegpt.json:12"].Messages!.Value[1].Role);
        Assert.Null(kept["sharegpt.json:12"].Output);
        Assert.Equal("Hi \u00e9\n", kept["alpaca.jsonl:7"].Output);
        Assert.Equal("BOM first", kept["bom_crlf.jsonl:1"].Instruction);
        Assert.Equal(("Array two", "ctx"), (kept["mixed/array.json:4"].Instruction, kept["mixed/array.json:4"].Input));
        Assert.Equal(("def hello():\n    return \"hi\"\n", "python"), (kept["mixed/hello.py:1"].Output, kept["mixed/hello.py:1"].Language));
        Assert.Equal("after the big one", kept["big.jsonl:2"].Instruction);
        Assert.Equal("python", kept["mixed/records.jsonl:1"].Language);
    }

    private static List<string> Describe(List<Core.Steps.Outcome> outcomes)
        => [.. outcomes.Select(o => $"{o.Sample.Source}|{o.Sample.Id}|{o.Verdict.Reason}|{o.Raw}|{string.Join(",", o.Sample.Meta)}")];

    /// <summary>Copies the committed corpus and adds what is too big or too binary to commit.</summary>
    private async Task PrepareAsync()
    {
        _folder.CopyFrom(Path.Combine(AppContext.BaseDirectory, "Data", "Readers", "trouble"));
        var big = new StringBuilder().Append("{\"instruction\":\"").Append('x', 5 * 1024 * 1024).Append("\",\"output\":\"o\"}\n")
            .Append("{\"instruction\":\"after the big one\",\"output\":\"ok\"}\n");
        _folder.Write("big.jsonl", big.ToString());
        _folder.Write(".hidden/evil.jsonl", "never read\n");
        _folder.Write("mixed/.secret.jsonl", "never read\n");
        await ParquetFileReaderTests.WriteAsync(
            Path.Combine(_folder.Path, "seeds.parquet"),
            ["instruction", "output"],
            [["P one", "1"], ["P two", null], ["P three", "3"]]);
    }
}
