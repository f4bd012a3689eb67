using DataForge.Core.Steps;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class RecordReaderTests : IDisposable
{
    private const string Line = "{\"instruction\":\"i\",\"output\":\"o\"}\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_Folder_WalksRecursivelyInOrdinalOrderAndSkipsOtherFiles()
    {
        // Arrange
        _folder.Write("b.jsonl", Line);
        _folder.Write("a/z.ndjson", Line);
        _folder.Write("B.json", "[" + Line + "]");
        _folder.Write("a/code.py", "x = 1\n");
        _folder.Write("README.md", "# readme\n");
        _folder.Write("notes.txt", Line);
        _folder.Write(".hidden.jsonl", "not json\n");
        _folder.Write(".git/objects/x.jsonl", "not json\n");
        _folder.Write("a/.cache/y.py", "\0\0");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Path);

        // Assert
        Assert.Equal(["B.json:1", "a/code.py:1", "a/z.ndjson:1", "b.jsonl:1"], outcomes.Select(o => o.Sample.Source));
        Assert.Empty(outcomes.Rejected());
    }

    [Fact]
    public async Task ReadAsync_BaseDirectory_SourcesRelativeToIt()
    {
        // Arrange
        var path = _folder.Write("seeds/set1/a.jsonl", Line);

        // Act
        var fromBase = await ReaderTestKit.ReadAllAsync(Path.Combine(_folder.Path, "seeds"), new RecordReaderOptions { BaseDirectory = _folder.Path });
        var fromFile = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal("seeds/set1/a.jsonl:1", Assert.Single(fromBase).Sample.Source);
        Assert.Equal("a.jsonl:1", Assert.Single(fromFile).Sample.Source);
    }

    [Fact]
    public void ReadAsync_MissingFile_ThrowsFileNotFound()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "nope.jsonl");

        // Act
        var error = Assert.Throws<FileNotFoundException>(() => RecordReader.ReadAsync(path, RecordReaderOptions.Default, CancellationToken.None));

        // Assert
        Assert.Contains("nope.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAsync_MissingFolder_ThrowsDirectoryNotFound()
    {
        // Arrange
        var path = Path.Combine(_folder.Path, "seeds");

        // Act
        var error = Assert.Throws<DirectoryNotFoundException>(() => RecordReader.ReadAsync(path, RecordReaderOptions.Default, CancellationToken.None));

        // Assert
        Assert.Contains("seeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAsync_UnreadableFileType_ThrowsArgumentException()
    {
        // Arrange
        var path = _folder.Write("data.txt", "a,b\n");

        // Act
        var error = Assert.Throws<ArgumentException>(() => RecordReader.ReadAsync(path, RecordReaderOptions.Default, CancellationToken.None));

        // Assert
        Assert.Contains(".jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Limit_StopsAfterThatManyKeptAcrossFiles()
    {
        // Arrange
        _folder.Write("a.jsonl", Line + "bad\n" + Line);
        _folder.Write("b.jsonl", Line + Line);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Path, new RecordReaderOptions { Limit = 3 });

        // Assert
        Assert.Equal(["a.jsonl:1", "a.jsonl:2", "a.jsonl:3", "b.jsonl:1"], outcomes.Select(o => o.Sample.Source));
        Assert.Equal(3, outcomes.Kept().Count);
    }

    [Fact]
    public async Task ReadAsync_LimitZero_NothingRead()
    {
        // Arrange
        _folder.Write("a.jsonl", Line);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Path, new RecordReaderOptions { Limit = 0 });

        // Assert
        Assert.Empty(outcomes);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        // Arrange
        _folder.Write("a.jsonl", Line + Line);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        // Act
        async Task Read()
        {
            await foreach (var _ in RecordReader.ReadAsync(_folder.Path, RecordReaderOptions.Default, cancellation.Token))
            {
            }
        }

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(Read);
    }

    [Fact]
    public async Task ReadAsync_ManyRecords_StreamsThemAll()
    {
        // Arrange
        using (var writer = new StreamWriter(Path.Combine(_folder.Path, "many.jsonl")))
        {
            for (var i = 0; i < 100_000; i++)
            {
                await writer.WriteAsync($"{{\"instruction\":\"task {i}\",\"input\":null,\"output\":\"answer {i}\"}}\n");
            }
        }

        // Act
        var count = 0L;
        Outcome? last = null;
        await foreach (var outcome in RecordReader.ReadAsync(_folder.Path, RecordReaderOptions.Default, CancellationToken.None))
        {
            count += outcome.Verdict.Kept ? 1 : 0;
            last = outcome;
        }

        // Assert
        Assert.Equal(100_000, count);
        Assert.Equal("task 99999", last!.Sample.Instruction);
    }
}
