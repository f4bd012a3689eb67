using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>gzip and zstd inputs give the records of the same file uncompressed, under the compressed file's name.</summary>
public sealed class CompressedInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Shapes => new()
    {
        { "records.jsonl", "gz" },
        { "records.jsonl", "zst" },
        { "records.json", "gz" },
        { "records.json", "zst" },
        { "records.csv", "gz" },
        { "records.csv", "zst" },
        { "records.ndjson", "gz" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadAsync_Compressed_SameOutcomesAsUncompressed(string name, string compression)
    {
        // Arrange
        var text = name.EndsWith(".csv", StringComparison.Ordinal) ? InputShapes.Csv : InputShapes.JsonLines + "not json\n";
        var plain = _folder.Write($"plain/{name}", text);
        var packed = _folder.Write($"packed/{name}.{compression}", compression == "gz" ? InputShapes.Gzip(text) : InputShapes.Zstd(text));

        // Act
        var expected = await ReaderTestKit.ReadAllAsync(plain);
        var actual = await ReaderTestKit.ReadAllAsync(packed);

        // Assert
        Assert.Equal(expected.Select(o => o.Fingerprint(s => s.Replace(name, $"{name}.{compression}", StringComparison.Ordinal))), actual.Select(o => o.Fingerprint()));
        Assert.Equal(4, actual.Kept().Count);
        Assert.All(actual, o => Assert.StartsWith($"{name}.{compression}:", o.Sample.Source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_CompressedInFolder_RelativeSourceOfTheCompressedFile()
    {
        // Arrange
        _folder.Write("in/2024/a.jsonl.gz", InputShapes.Gzip(InputShapes.JsonLines));
        _folder.Write("in/b.json.zst", InputShapes.Zstd(InputShapes.JsonLines));

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("in"), RecordReaderOptions.Default with { BaseDirectory = _folder.Path });

        // Assert
        Assert.Equal(
            ["in/2024/a.jsonl.gz:1", "in/2024/a.jsonl.gz:2", "in/2024/a.jsonl.gz:3", "in/2024/a.jsonl.gz:4", "in/b.json.zst:1", "in/b.json.zst:2", "in/b.json.zst:3", "in/b.json.zst:4"],
            outcomes.Select(o => o.Sample.Source));
        Assert.Empty(outcomes.Rejected());
    }

    [Fact]
    public async Task ReadAsync_TruncatedGzip_RecordsBeforeTheCutThenInvalidCompression()
    {
        // Arrange: cut the last third of the compressed bytes.
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{{\"instruction\": \"task {i} {Guid.NewGuid()}\", \"output\": \"done {i}\"}}\n"));
        var packed = InputShapes.Gzip(lines);
        var path = _folder.Write("cut.jsonl.gz", packed[..(packed.Length * 2 / 3)]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        var last = outcomes[^1];
        Assert.Equal(("invalid_compression", "cut.jsonl.gz:1"), (last.Verdict.Reason, last.Sample.Source));
        Assert.Contains("gzip", last.Sample.MetaText("detail"), StringComparison.Ordinal);
        Assert.InRange(outcomes.Kept().Count, 100, 1999);
        Assert.Equal(Enumerable.Range(0, outcomes.Kept().Count).Select(i => $"done {i}"), outcomes.Kept().Select(o => o.Sample.Output));
    }

    [Fact]
    public async Task ReadAsync_TruncatedZstd_RecordsBeforeTheCutThenInvalidCompression()
    {
        // Arrange
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{{\"instruction\": \"task {i} {Guid.NewGuid()}\", \"output\": \"done {i}\"}}\n"));
        var packed = InputShapes.Zstd(lines);
        var path = _folder.Write("cut.jsonl.zst", packed[..(packed.Length * 2 / 3)]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal("invalid_compression", outcomes[^1].Verdict.Reason);
        Assert.Equal(Enumerable.Range(0, outcomes.Kept().Count).Select(i => $"done {i}"), outcomes.Kept().Select(o => o.Sample.Output));
    }

    [Fact]
    public async Task ReadAsync_ConcatenatedGzipMembers_AllRecordsNoReject()
    {
        // Arrange: `cat a.gz b.gz` is one valid gzip file.
        var path = _folder.Write("joined.jsonl.gz", [.. InputShapes.Gzip(InputShapes.JsonLines), .. InputShapes.Gzip("{\"instruction\": \"x\", \"output\": \"y\"}\n")]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(5, outcomes.Kept().Count);
        Assert.Equal("joined.jsonl.gz:5", outcomes[^1].Sample.Source);
    }

    [Fact]
    public async Task ReadAsync_NotGzipAtAll_OneInvalidCompressionReject()
    {
        // Arrange
        var path = _folder.Write("plain.jsonl.gz", "{\"instruction\": \"a\", \"output\": \"b\"}\n");

        // Act
        var outcome = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("invalid_compression", "base64"), (outcome.Verdict.Reason, outcome.Sample.MetaText("raw_encoding")));
        Assert.Equal("eyJpbnN0cnVjdGlvbiI6ICJhIiwgIm91dHB1dCI6ICJiIn0K", outcome.Raw);
    }

    [Fact]
    public async Task ReadAsync_CompressedFile_LeavesNoScratchFile()
    {
        // Arrange
        var scratch = _folder.Combine("scratch");
        var path = _folder.Write("a.jsonl.zst", InputShapes.Zstd(InputShapes.JsonLines));

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { ScratchDirectory = scratch });

        // Assert
        Assert.Equal(4, outcomes.Kept().Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }
}
