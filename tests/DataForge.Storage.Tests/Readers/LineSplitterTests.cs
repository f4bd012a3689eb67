using System.Text;
using DataForge.Storage.Readers;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class LineSplitterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task MoveNextAsync_TrickledBytes_SameLinesAsWhole(int chunk)
    {
        // Arrange
        var text = "first\r\n\r\nsecond line\nthis line is far too long for the limit\r\nlast";
        var splitter = new LineSplitter(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), maxLineBytes: 12);

        // Act
        var lines = new List<string>();
        while (await splitter.MoveNextAsync(CancellationToken.None))
        {
            lines.Add(splitter.Oversized is { } big ? $"{splitter.LineNumber}:big:{big.Length}:{big.Id()}" : $"{splitter.LineNumber}:{Encoding.UTF8.GetString(splitter.Current.Span)}:{splitter.Terminated}");
        }

        // Assert
        var longLine = "this line is far too long for the limit";
        var id = Core.Records.SampleId.ForBytes(Encoding.UTF8.GetBytes(longLine));
        Assert.Equal(["1:first:True", "2::True", "3:second line:True", $"4:big:{longLine.Length}:{id}", "5:last:False"], lines);
    }

    [Fact]
    public async Task MoveNextAsync_CarriageReturnAtChunkEdgeOfOversizedLine_NotPartOfLine()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("0123456789abcdef\r\nx\n");
        var splitter = new LineSplitter(new TrickleStream(bytes, 17), maxLineBytes: 4);

        // Act
        await splitter.MoveNextAsync(CancellationToken.None);
        var first = splitter.Oversized!;
        await splitter.MoveNextAsync(CancellationToken.None);

        // Assert
        Assert.Equal(16, first.Length);
        Assert.Equal("x", Encoding.UTF8.GetString(splitter.Current.Span));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public async Task MoveNextAsync_LinesAtAndOverLimit_OnlyLongerOnesOversized(int chunk)
    {
        // Arrange: limit 8; "12345678" fits, "123456789" does not (CR of CRLF not counted).
        var bytes = Encoding.UTF8.GetBytes("12345678\r\n123456789\n12345678");
        var splitter = new LineSplitter(new TrickleStream(bytes, chunk), maxLineBytes: 8);

        // Act
        var oversized = new List<bool>();
        while (await splitter.MoveNextAsync(CancellationToken.None))
        {
            oversized.Add(splitter.Oversized is not null);
        }

        // Assert
        Assert.Equal([false, true, false], oversized);
    }

    /// <summary>A stream that hands out at most a few bytes per read, to hit every buffer edge.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
