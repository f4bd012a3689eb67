using DataForge.Storage.Readers;
using DataForge.Testing;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class ParquetFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes string columns (all OPTIONAL, as other writers do), one row group per array of rows.</summary>
    internal static async Task WriteAsync(string path, string[] columns, params string?[][][] rowGroups)
    {
        var fields = columns.Select(c => new DataField<string>(c, true)).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions());
        foreach (var rows in rowGroups)
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                await group.WriteAsync(fields[c], rows.Select(r => r[c]).ToArray()!);
            }
        }
    }

    [Fact]
    public async Task ReadAsync_TwoRowGroups_RowsNumberedAcrossGroups()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "seeds.parquet");
        await WriteAsync(
            path,
            ["instruction", "input", "output", "language", "other"],
            [["a", null, "b", null, "x"], ["c", "ctx", "d", "python", "y"]],
            [["e", null, "f", null, null]]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { Origin = "pq" });

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["seeds.parquet:1", "seeds.parquet:2", "seeds.parquet:3"], outcomes.Select(o => o.Sample.Source));
        var second = outcomes[1].Sample;
        Assert.Equal(("c", "ctx", "d", "python", "pq"), (second.Instruction, second.Input, second.Output, second.Language, second.Origin));
        Assert.Equal(second.Id, second.RootId);
    }

    [Fact]
    public async Task ReadAsync_NullOrAbsentRequiredValue_MissingField()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "holes.parquet");
        await WriteAsync(path, ["instruction", "output"], [["a", "b"], [null, "b"], ["a", null], ["c", "d"]]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["holes.parquet:2 missing_field", "holes.parquet:3 missing_field"], outcomes.RejectSummary());
        Assert.Equal("{\"instruction\":null,\"output\":\"b\"}", outcomes[1].Raw);
        Assert.Equal(2, outcomes.Kept().Count);
    }

    [Fact]
    public async Task ReadAsync_NoOutputColumn_EveryRowMissingField()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "nooutput.parquet");
        await WriteAsync(path, ["instruction"], [["a"], ["b"]]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["nooutput.parquet:1 missing_field", "nooutput.parquet:2 missing_field"], outcomes.RejectSummary());
    }

    [Fact]
    public async Task ReadAsync_NumericInstructionColumn_WrongType()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "typed.parquet");
        var instruction = new DataField<int>("instruction");
        var output = new DataField<string>("output", true);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(instruction, output), stream, new ParquetOptions()))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(instruction, new[] { 1 }, null, null, CancellationToken.None);
            await group.WriteAsync(output, ["b"]);
        }

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("wrong_type", "typed.parquet:1"), (reject.Verdict.Reason, reject.Sample.Source));
        Assert.Contains("'instruction'", reject.Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ValueOverFieldLimit_FieldTooLarge()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "big.parquet");
        await WriteAsync(path, ["instruction", "output"], [["a", new string('x', 50)], ["a", "b"]]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { MaxFieldBytes = 20 });

        // Assert
        Assert.Equal(["big.parquet:1 field_too_large"], outcomes.RejectSummary());
    }

    [Fact]
    public async Task ReadAsync_NotParquet_InvalidParquet()
    {
        // Arrange
        var path = _folder.Write("fake.parquet", "{\"instruction\":\"a\",\"output\":\"b\"}\n");

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("invalid_parquet", "fake.parquet:1"), (reject.Verdict.Reason, reject.Sample.Source));
        Assert.Equal("{\"instruction\":\"a\",\"output\":\"b\"}\n", reject.Raw);
    }

    [Fact]
    public async Task ReadAsync_ZeroBytes_EmptyFile()
    {
        // Arrange
        var path = _folder.Write("empty.parquet", []);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("empty_file", reject.Verdict.Reason);
    }
}
