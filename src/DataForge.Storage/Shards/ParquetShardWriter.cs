using System.IO.Compression;
using System.Threading.Channels;
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
    private ShardPart? _current;

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
    /// <exception cref="ShardWriteException">A shard file could not be written (a full disk, say); the writer is then unusable.</exception>
    public async ValueTask AppendAsync(TRow row, CancellationToken cancellationToken)
    {
        try
        {
            if (_current is { } full && full.Rows >= _options.ShardRows)
            {
                await CloseCurrentAsync().ConfigureAwait(false);
            }

            _current ??= ShardPart.Start(Path.Combine(_directory, $".{_prefix}-part{_parts.Count:D5}.tmp"), _options.RowGroupRows, cancellationToken);
            await _current.AppendAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not ShardWriteException)
        {
            throw ShardWriteException.For(_prefix, e);
        }

        Rows++;
    }

    /// <summary>Finishes the last shard and names the shards. With no rows at all, one empty shard is written so readers still see the schema.</summary>
    /// <exception cref="ShardWriteException">A shard file could not be written, renamed or read back.</exception>
    public async Task<IReadOnlyList<ShardFile>> CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not ShardWriteException)
        {
            throw ShardWriteException.For(_prefix, e);
        }
    }

    private async Task<IReadOnlyList<ShardFile>> FinishAsync(CancellationToken cancellationToken)
    {
        if (_current is null && _parts.Count == 0)
        {
            _current = ShardPart.Start(Path.Combine(_directory, $".{_prefix}-part00000.tmp"), _options.RowGroupRows, cancellationToken);
        }

        await CloseCurrentAsync().ConfigureAwait(false);
        var files = new List<ShardFile>(_parts.Count);
        for (var i = 0; i < _parts.Count; i++)
        {
            var final = Path.Combine(_directory, $"{_prefix}-{i:D5}-of-{_parts.Count:D5}.parquet");
            File.Move(_parts[i].Path, final, overwrite: true);
            files.Add(new ShardFile(final, _parts[i].Rows, await Sha256Async(final, cancellationToken).ConfigureAwait(false)));
        }

        return files;
    }

    private async Task CloseCurrentAsync()
    {
        if (_current is { } part)
        {
            _current = null;
            await part.CompleteAsync().ConfigureAwait(false);
            _parts.Add((part.Path, part.Rows));
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// One shard file being written: the serializer pulls rows from a bounded channel and cuts a row
    /// group every <c>RowGroupRows</c>, so at most about one row group is held in memory.
    /// </summary>
    private sealed class ShardPart
    {
        private readonly Channel<TRow> _rows;
        private Task _writing = Task.CompletedTask;

        private ShardPart(string path, int rowGroupRows)
        {
            Path = path;
            // The serializer gathers a row group itself; the channel only has to keep it fed.
            _rows = Channel.CreateBounded<TRow>(new BoundedChannelOptions(Math.Min(rowGroupRows, 1024)) { SingleReader = true, SingleWriter = true });
        }

        public string Path { get; }

        public long Rows { get; private set; }

        public static ShardPart Start(string path, int rowGroupRows, CancellationToken cancellationToken)
        {
            var part = new ShardPart(path, rowGroupRows);
            var options = new ParquetOptions
            {
                CompressionMethod = CompressionMethod.Zstd,
                CompressionLevel = CompressionLevel.Optimal,
                RowGroupSize = rowGroupRows,
            };
            part._writing = Task.Factory.StartNew(
                () => part.SerializeAsync(options, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap();
            return part;
        }

        public async ValueTask AppendAsync(TRow row, CancellationToken cancellationToken)
        {
            // If the serializer failed, surface its error instead of waiting on a channel nobody reads.
            if (_writing.IsFaulted || !await WriteOrFail(row, cancellationToken).ConfigureAwait(false))
            {
                await _writing.ConfigureAwait(false);
                throw new InvalidOperationException($"the shard writer for {Path} stopped");
            }

            Rows++;
        }

        public async Task CompleteAsync()
        {
            _rows.Writer.TryComplete();
            await _writing.ConfigureAwait(false);
        }

        // When the serializer fails, the channel is completed: a producer waiting for room in the
        // full channel wakes up (and awaits this task, which rethrows the failure) instead of
        // waiting forever. The failed part's file is deleted, so a full disk gets its space back.
        private async Task SerializeAsync(ParquetOptions options, CancellationToken cancellationToken)
        {
            try
            {
                var stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                await using (stream.ConfigureAwait(false))
                {
                    await ParquetSerializer.SerializeAsync(Drain(cancellationToken), stream, options, null, cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                _rows.Writer.TryComplete();
                DeleteQuietly(Path);
                throw;
            }
        }

        private static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // The rerun replaces it.
            }
            catch (UnauthorizedAccessException)
            {
                // The rerun replaces it.
            }
        }

        private async ValueTask<bool> WriteOrFail(TRow row, CancellationToken cancellationToken)
        {
            while (await _rows.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_rows.Writer.TryWrite(row))
                {
                    return true;
                }

                if (_writing.IsCompleted)
                {
                    return false;
                }
            }

            return false;
        }

        // The serializer enumerates synchronously, so waiting for rows blocks the thread it runs on (one
        // thread per open shard; the thread pool compensates for threads blocked on tasks).
        private IEnumerable<TRow> Drain(CancellationToken cancellationToken)
        {
            var reader = _rows.Reader;
            while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var row))
                {
                    yield return row;
                }
            }
        }
    }
}
