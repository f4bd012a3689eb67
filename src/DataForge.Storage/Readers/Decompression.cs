using System.IO.Compression;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Decompresses a <c>.gz</c> or <c>.zst</c> input into a scratch file, which is then read like
/// the uncompressed file (same records, same <c>source</c> lines, under the compressed file's
/// name). Broken compressed data keeps what was decompressed before it and adds one
/// <c>invalid_compression</c> reject.
/// </summary>
internal sealed class Decompression : IDisposable
{
    private Decompression(string path, string? problem, long bytes)
    {
        Path = path;
        Problem = problem;
        Bytes = bytes;
    }

    /// <summary>The decompressed copy.</summary>
    public string Path { get; }

    /// <summary>Why decompression stopped early; null when the whole file was decompressed.</summary>
    public string? Problem { get; }

    /// <summary>How many bytes were decompressed.</summary>
    public long Bytes { get; }

    public static async Task<Decompression> RunAsync(InputFile file, string? scratchDirectory, CancellationToken cancellationToken)
    {
        var folder = scratchDirectory ?? System.IO.Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"decompressed-{Guid.NewGuid():N}");
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        string? problem = null;
        await using (output.ConfigureAwait(false))
        {
            var input = TextBytes.OpenRead(file.FullPath);
            await using (input.ConfigureAwait(false))
            {
                try
                {
                    var decompressor = Open(input, file.Compression);
                    await using (decompressor.ConfigureAwait(false))
                    {
                        await decompressor.CopyToAsync(output, 1 << 16, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException)
                {
                    problem = e.Message;
                }
            }

            if (problem is null && file.Compression == InputCompression.Gzip)
            {
                problem = await GzipTrailer.CheckAsync(file.FullPath, output.Length, cancellationToken).ConfigureAwait(false);
            }

            return new Decompression(path, problem, output.Length);
        }
    }

    /// <summary>The reject that ends a file whose compressed data is broken.</summary>
    public async Task<Outcome> RejectAsync(InputFile file, string? origin, CancellationToken cancellationToken)
    {
        var kept = await TextBytes.ReadHeadAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        var raw = new RawText(Convert.ToBase64String(kept), IsBase64: true, IsTruncated: new FileInfo(file.FullPath).Length > kept.Length);
        var detail = $"line 1: cannot decompress the {(file.Compression == InputCompression.Gzip ? "gzip" : "zstd")} data after {Bytes} bytes; the records before that point are read: {Problem}";
        return Rejects.Create(ReadReasons.InvalidCompression, detail, SampleId.ForBytes(kept), raw, file.SourceAt(1), origin);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The scratch folder goes with the run.
        }
    }

    private static Stream Open(Stream input, InputCompression compression) => compression == InputCompression.Gzip
        ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true)
        : new ZstdSharp.DecompressionStream(input, leaveOpen: true);
}
