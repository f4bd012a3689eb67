using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>The <c>fields</c> option: records whose fields have other names.</summary>
public sealed class FieldNamesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_RenamedJsonFields_ReadFromTheirSources()
    {
        // Arrange
        var lines = """
            {"prompt": "Wie spät ist es?", "context": "", "response": "Halb zwölf.", "instruction": "ignored", "lang": "de"}
            {"conversation": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hey"}]}
            {"prompt": "no response"}
            """;
        var path = _folder.Write("renamed.jsonl", lines + "\n");
        var fields = FieldNames.Parse(["instruction=prompt", "input = context", "output=response", "language=lang", "messages=conversation"]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { Fields = fields });

        // Assert
        var (first, second) = (outcomes[0].Sample, outcomes[1].Sample);
        Assert.Equal(("Wie spät ist es?", "", "Halb zwölf.", "de"), (first.Instruction, first.Input, first.Output, first.Language));
        Assert.Equal(("hi", "hey", 2), (second.Instruction, second.Output, second.Messages!.Value.Length));
        Assert.Equal(["renamed.jsonl:3 missing_field"], outcomes.RejectSummary());
        Assert.Equal("line 3: 'response' is missing", outcomes[2].Sample.MetaText("detail"));
    }

    [Fact]
    public async Task ReadAsync_RenamedCsvColumns_ReadFromTheirSources()
    {
        // Arrange
        var path = _folder.Write("qa.csv", "question,answer\n\"Was ist 2+2?\",vier\n");
        var fields = FieldNames.Parse(["instruction=question", "output=answer"]);

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { Fields = fields })).Sample;

        // Assert
        Assert.Equal(("Was ist 2+2?", "vier", null), (sample.Instruction, sample.Output, sample.Input));
    }

    [Fact]
    public async Task ReadAsync_RenamedParquetColumns_ReadFromTheirSources()
    {
        // Arrange
        var path = _folder.Combine("qa.parquet");
        await ParquetFileReaderTests.WriteAsync(path, ["question", "answer", "instruction"], [["Größe?", "groß", "ignored"], ["no answer", null, "x"]]);
        var fields = FieldNames.Parse(["instruction=question", "output=answer"]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { Fields = fields });

        // Assert
        Assert.Equal(("Größe?", "groß"), (outcomes[0].Sample.Instruction, outcomes[0].Sample.Output));
        // The renamed sources are consumed; the column named like a target but not read into it is extra.
        Assert.Equal("{\"instruction\":\"ignored\"}", outcomes[0].Sample.MetaText("extra"));
        Assert.Equal(["qa.parquet:2 missing_field"], outcomes.RejectSummary());
        Assert.Equal("row 2: 'answer' is missing", outcomes[1].Sample.MetaText("detail"));
    }

    [Theory]
    [InlineData("prompt", "is not TARGET=SOURCE")]
    [InlineData("answer=x", "is not TARGET=SOURCE")]
    [InlineData("output=", "is not TARGET=SOURCE")]
    [InlineData("output=instruction", "'instruction' is read into two fields")]
    public void Check_BadFieldsEntry_NamesTheProblem(string entry, string expected)
    {
        // Arrange
        var options = new ReadStepOptions { Path = "x", Fields = [entry] };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal("fields", problem?.Key);
        Assert.Contains(expected, problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoodOptions_NoProblem()
    {
        // Arrange
        var options = new ReadStepOptions { Path = "x", Fields = ["instruction=prompt"], Include = ["**/*.jsonl"], Exclude = ["drafts/**"] };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Null(problem);
        Assert.Equal("prompt", FieldNames.Parse(options.Fields).Instruction);
    }

    [Fact]
    public void Check_AbsoluteExclude_Refused()
    {
        // Arrange
        var options = new ReadStepOptions { Path = "x", Exclude = ["/etc/*.json"] };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal(("exclude", "'/etc/*.json' must be a relative path with '/' separators"), (problem?.Key, problem?.Message));
    }
}
