using System.Text.Json;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Input fields no record field is read from travel in meta.extra, typed, keys sorted, outside the id.</summary>
public sealed class ExtraFieldsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_JsonLinesWithUnknownFields_ExtraHoldsThemWithTheirTypesKeysSorted()
    {
        // Arrange
        var path = _folder.Write("seeds.jsonl", InputShapes.JsonLines);

        // Act
        var samples = (await ReaderTestKit.ReadAllAsync(path)).Kept().Select(o => o.Sample).ToList();

        // Assert
        Assert.Equal("{\"id_hint\":7,\"tags\":[\"de\",\"en\"]}", samples[0].MetaText("extra"));
        Assert.Equal("{\"meta\":{\"nested\":{\"deep\":[1,2,{\"x\":null}]}}}", samples[1].MetaText("extra"));
        Assert.Equal("{\"source_id\":\"conv-1\"}", samples[2].MetaText("extra"));
        Assert.Equal("{\"id\":\"sg-9\"}", samples[3].MetaText("extra"));
        Assert.Equal(JsonValueKind.Number, samples[0].Meta["extra"].GetProperty("id_hint").ValueKind);
    }

    [Fact]
    public async Task ReadAsync_ExtraFields_DoNotChangeTheId()
    {
        // Arrange
        var plain = _folder.Write("a.jsonl", "{\"instruction\": \"Nenne eine Farbe.\", \"output\": \"Blau\"}\n");
        var rich = _folder.Write("b.jsonl", "{\"zeta\": null, \"instruction\": \"Nenne eine Farbe.\", \"id\": 12, \"output\": \"Blau\", \"Älter\": true, \"alpha\": {\"k\": [\"\", 1.5]}}\n");

        // Act
        var a = Assert.Single(await ReaderTestKit.ReadAllAsync(plain)).Sample;
        var b = Assert.Single(await ReaderTestKit.ReadAllAsync(rich)).Sample;

        // Assert
        Assert.Equal(a.Id, b.Id);
        Assert.False(a.Meta.ContainsKey("extra"));
        var extra = b.Meta["extra"];
        Assert.Equal(["alpha", "id", "zeta", "Älter"], extra.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, extra.GetProperty("zeta").ValueKind);
        Assert.Equal(JsonValueKind.True, extra.GetProperty("Älter").ValueKind);
        Assert.Equal(1.5, extra.GetProperty("alpha").GetProperty("k")[1].GetDouble());
        Assert.Equal(12, extra.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task ReadAsync_RenamedFields_SourcesConsumedOthersExtra()
    {
        // Arrange
        var path = _folder.Write("qa.jsonl", "{\"prompt\": \"Q\", \"response\": \"A\", \"instruction\": \"not read\", \"lang\": \"de\"}\n");
        var options = RecordReaderOptions.Default with { Fields = FieldNames.Parse(["instruction=prompt", "output=response"]) };

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path, options)).Sample;

        // Assert
        Assert.Equal(("Q", "A"), (sample.Instruction, sample.Output));
        Assert.Equal("{\"instruction\":\"not read\",\"lang\":\"de\"}", sample.MetaText("extra"));
    }

    [Fact]
    public async Task ReadAsync_CsvColumns_ExtraCellsAreStrings()
    {
        // Arrange
        var path = _folder.Write("seeds.csv", InputShapes.Csv);

        // Act
        var samples = (await ReaderTestKit.ReadAllAsync(path)).Kept().Select(o => o.Sample).ToList();

        // Assert
        Assert.Equal(["{\"extra\":\"x, y\"}", "{\"extra\":\"\"}", "{\"extra\":\"\"}", "{\"extra\":\"multi\\nline\"}"], samples.Select(s => s.MetaText("extra")));
    }

    [Fact]
    public async Task ReadAsync_DuplicateKey_LastValueKept()
    {
        // Arrange
        var path = _folder.Write("dup.jsonl", "{\"instruction\": \"a\", \"output\": \"b\", \"tag\": 1, \"tag\": [2]}\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal("{\"tag\":[2]}", sample.MetaText("extra"));
    }

    [Fact]
    public async Task ReadAsync_SpacedNestedValues_WrittenCompactWithStringsUntouched()
    {
        // Arrange
        var path = _folder.Write("spaced.jsonl", "{\"instruction\": \"a\", \"output\": \"b\", \"note\": \"two  spaces \\\" and\\ttab\", \"obj\": { \"k\" : [ 1 ,\t\"x y\" ] }}\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal("two  spaces \" and\ttab", sample.Meta["extra"].GetProperty("note").GetString());
        Assert.Equal("{\"k\":[1,\"x y\"]}", sample.Meta["extra"].GetProperty("obj").GetRawText());
    }

    [Fact]
    public async Task ReadAsync_ExtraValueOverFieldLimit_FieldTooLargeNamingIt()
    {
        // Arrange
        var path = _folder.Write("big.jsonl", "{\"instruction\": \"a\", \"output\": \"b\", \"embedding\": [0.125, 0.25, 0.5, 1.0]}\n{\"instruction\": \"c\", \"output\": \"d\", \"n\": 1}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { MaxFieldBytes = 16 });

        // Assert
        Assert.Equal(["big.jsonl:1 field_too_large"], outcomes.RejectSummary());
        Assert.StartsWith("line 1: 'embedding' is 23 bytes of JSON", outcomes[0].Sample.MetaText("detail"), StringComparison.Ordinal);
        Assert.Equal("{\"n\":1}", outcomes[1].Sample.MetaText("extra"));
    }
}
