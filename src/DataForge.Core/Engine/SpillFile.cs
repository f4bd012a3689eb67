using System.Runtime.CompilerServices;
using DataForge.Core.Records;

namespace DataForge.Core.Engine;

/// <summary>
/// An append-only file of records (one JSON line each) that can be read back in order: how the
/// engine keeps memory flat for barriers, reject lanes and ordered merges.
/// </summary>
public sealed class SpillFile : IAsyncDisposable
{
    private FileStream? _writer;

    /// <summary>Creates (truncates) a spill file at <paramref name="path"/>.</summary>
    public SpillFile(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
    }

    /// <summary>Where the records are.</summary>
    public string Path { get; }

    /// <summary>Records written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends a record.</summary>
    public async ValueTask AppendAsync(Sample sample, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The spill file is closed.");
        await writer.WriteAsync(SampleJson.Serialize(sample), cancellationToken).ConfigureAwait(false);
        writer.WriteByte((byte)'\n');
        Count++;
    }

    /// <summary>Finishes writing.</summary>
    public async ValueTask CloseAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.FlushAsync().ConfigureAwait(false);
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the records of a closed spill file, in the order written.</summary>
    public static async IAsyncEnumerable<Sample> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return SampleJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(line));
                }
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => CloseAsync();
}
