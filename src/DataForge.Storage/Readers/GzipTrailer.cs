using System.Buffers.Binary;
using System.IO.Compression;

namespace DataForge.Storage.Readers;

/// <summary>
/// Tells a whole gzip file from one cut short, which <see cref="GZipStream"/> decompresses
/// without an error: the last member's trailer holds its decompressed size (mod 2^32). A single
/// member must match the whole output; for concatenated members, the last member (found from
/// the end by its magic bytes) must match on its own.
/// </summary>
internal static class GzipTrailer
{
    private const int MaxCandidates = 16;

    /// <summary>The problem, or null when the file's trailer matches <paramref name="decompressed"/> bytes.</summary>
    public static async Task<string?> CheckAsync(string path, long decompressed, CancellationToken cancellationToken)
    {
        var file = TextBytes.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            if (file.Length < 18)
            {
                return "the file is shorter than a gzip header and trailer";
            }

            var trailer = new byte[4];
            file.Position = file.Length - 4;
            await file.ReadExactlyAsync(trailer, cancellationToken).ConfigureAwait(false);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if ((uint)decompressed == size)
            {
                return null;
            }

            var candidates = 0;
            for (var start = await LastMagicAsync(file, file.Length - 18, cancellationToken).ConfigureAwait(false);
                start > 0 && candidates++ < MaxCandidates;
                start = await LastMagicAsync(file, start, cancellationToken).ConfigureAwait(false))
            {
                if (await MemberSizeAsync(file, start, cancellationToken).ConfigureAwait(false) == size)
                {
                    return null;
                }
            }

            return $"the data ends before the gzip trailer (the file is cut short after {decompressed} decompressed bytes)";
        }
    }

    private static ReadOnlySpan<byte> Magic => [0x1F, 0x8B, 0x08];

    // The offset of the last gzip magic that starts before `end`, or -1.
    private static async Task<long> LastMagicAsync(FileStream file, long end, CancellationToken cancellationToken)
    {
        var chunk = new byte[1 << 20];
        while (end > 0)
        {
            var from = Math.Max(0, end - chunk.Length);
            var length = (int)Math.Min(end - from + 2, file.Length - from);
            file.Position = from;
            await file.ReadExactlyAsync(chunk.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            var at = chunk.AsSpan(0, length).LastIndexOf(Magic);
            if (at >= 0 && from + at < end)
            {
                return from + at;
            }

            end = from;
        }

        return -1;
    }

    private static async Task<long> MemberSizeAsync(FileStream file, long start, CancellationToken cancellationToken)
    {
        file.Position = start;
        try
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                var counter = new CountingStream();
                await gzip.CopyToAsync(counter, cancellationToken).ConfigureAwait(false);
                return (uint)counter.Length;
            }
        }
        catch (InvalidDataException)
        {
            return -1;
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
