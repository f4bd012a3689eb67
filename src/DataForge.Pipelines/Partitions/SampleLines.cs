using System.IO.Compression;
using System.Runtime.CompilerServices;
using DataForge.Core.Records;

namespace DataForge.Pipelines.Partitions;

/// <summary>The records a partition hands to the merge: gzip-compressed JSON lines, each record with its order key.</summary>
internal sealed class SampleLines : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly GZipStream _zip;

    private SampleLines(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        _zip = new GZipStream(_file, CompressionLevel.Fastest);
    }

    public string Path { get; }

    public long Count { get; private set; }

    public static SampleLines Create(string path) => new(path);

    public async ValueTask AppendAsync(Sample sample, CancellationToken cancellationToken)
    {
        await _zip.WriteAsync(SampleJson.Serialize(sample), cancellationToken).ConfigureAwait(false);
        _zip.WriteByte((byte)'\n');
        Count++;
    }

    public async ValueTask DisposeAsync()
    {
        await _zip.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Writes every record of <paramref name="records"/> to <paramref name="path"/>; returns how many.</summary>
    public static async Task<long> WriteAllAsync(string path, IAsyncEnumerable<Sample> records, CancellationToken cancellationToken)
    {
        var lines = Create(path);
        await using (lines.ConfigureAwait(false))
        {
            await foreach (var sample in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await lines.AppendAsync(sample, cancellationToken).ConfigureAwait(false);
            }

            return lines.Count;
        }
    }

    /// <summary>The records of <paramref name="path"/>, in the order written.</summary>
    public static async IAsyncEnumerable<Sample> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return SampleJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(line));
                }
            }
        }
    }
}
