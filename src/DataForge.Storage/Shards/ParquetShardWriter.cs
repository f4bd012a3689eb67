using System.IO.Compression;
using System.Security.Cryptography;
using Parquet;
using Parquet.Serialization;

namespace DataForge.Storage.Shards;

/// <summary>
/// Streams rows into Parquet shards in the Hugging Face layout (<c>PREFIX-00000-of-0000N.parquet</c>).
/// Rows are held only up to one row group; shard files get their final names when the writer
/// completes, because only then is N known.
/// </summary>
/// <typeparam name="TRow">The row class (<see cref="ShardRow"/> or <see cref="RejectRow"/>).</typeparam>
public sealed class ParquetShardWriter<TRow>
    where TRow : class
{
    private readonly string _directory;
    private readonly string _prefix;
    private readonly ShardWriterOptions _options;
    private readonly List<(string Path, long Rows)> _parts = [];
    private readonly List<TRow> _rowGroup = [];
    private long _rowsInPart;

    /// <summary>Creates a writer of shards named <paramref name="prefix"/>-i-of-n.parquet in <paramref name="directory"/>.</summary>
    public ParquetShardWriter(string directory, string prefix, ShardWriterOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentNullException.ThrowIfNull(options);
        _directory = directory;
        _prefix = prefix;
        _options = options;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Rows appended so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Appends one row.</summary>
    public async ValueTask AppendAsync(TRow row, CancellationToken cancellationToken)
    {
        _rowGroup.Add(row);
        Rows++;
        if (_rowGroup.Count >= Math.Min(_options.RowGroupRows, _options.ShardRows))
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is buffered and names the shards. With no rows at all, one empty shard is written so readers still see the schema.</summary>
    public async Task<IReadOnlyList<ShardFile>> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_rowGroup.Count > 0 || _parts.Count == 0)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }

        var files = new List<ShardFile>(_parts.Count);
        for (var i = 0; i < _parts.Count; i++)
        {
            var final = Path.Combine(_directory, $"{_prefix}-{i:D5}-of-{_parts.Count:D5}.parquet");
            File.Move(_parts[i].Path, final, overwrite: true);
            files.Add(new ShardFile(final, _parts[i].Rows, await Sha256Async(final, cancellationToken).ConfigureAwait(false)));
        }

        return files;
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_parts.Count == 0 || _rowsInPart >= _options.ShardRows)
        {
            _parts.Add((Path.Combine(_directory, $".{_prefix}-part{_parts.Count:D5}.tmp"), 0));
            _rowsInPart = 0;
        }

        var (path, rows) = _parts[^1];
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Zstd,
            CompressionLevel = CompressionLevel.Optimal,
            RowGroupSize = Math.Max(1, _rowGroup.Count),
            Append = rows > 0,
        };
        var stream = new FileStream(path, rows > 0 ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            await ParquetSerializer.SerializeAsync(_rowGroup, stream, options, null, cancellationToken).ConfigureAwait(false);
        }

        _parts[^1] = (path, rows + _rowGroup.Count);
        _rowsInPart += _rowGroup.Count;
        _rowGroup.Clear();
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }
}
