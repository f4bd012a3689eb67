using DataForge.Storage.Shards;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Shards;

public sealed class ParquetShardWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AppendAsync_ShardFileCannotBeWritten_ThrowsShardWriteExceptionInsteadOfWaiting()
    {
        // Arrange: a folder where the first shard file goes, so the serializer fails at once and
        // the appends fill the 100-row channel that nobody reads any more.
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".rejects-part00000.tmp"));
        var writer = new ParquetShardWriter<RejectRow>(_folder.Path, "rejects", new ShardWriterOptions { RowGroupRows = 100 });

        // Act
        var failure = await Assert.ThrowsAsync<ShardWriteException>(() => AppendAsync(writer, rows: 5_000).WaitAsync(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.StartsWith("the rejects shards could not be written: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("rerun to resume)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Rows_NamesShardsWithTheirRowCounts()
    {
        // Arrange
        var writer = new ParquetShardWriter<RejectRow>(_folder.Path, "rejects", new ShardWriterOptions { ShardRows = 3, RowGroupRows = 2 });
        await AppendAsync(writer, rows: 7);

        // Act
        var shards = await writer.CompleteAsync(CancellationToken.None);

        // Assert
        Assert.Equal([3L, 3L, 1L], shards.Select(s => s.Rows));
        Assert.Equal("rejects-00002-of-00003.parquet", Path.GetFileName(shards[2].Path));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    private static async Task AppendAsync(ParquetShardWriter<RejectRow> writer, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            await writer.AppendAsync(new RejectRow { Id = $"id{i}" }, CancellationToken.None);
        }
    }
}
