using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DataForge.Scoring.Less;

/// <summary>
/// The on-disk store of candidate features (docs/algorithms.md#less): per checkpoint, the
/// unit-length projected features of every candidate as a little-endian float32 matrix
/// (<c>checkpoint-{i}.f32</c>), a JSON header (<c>checkpoint-{i}.json</c>) and the warm-up's trained
/// adapters at that checkpoint (<c>checkpoint-{i}.adapters</c>, little-endian float32), in a sub-folder
/// named after the key. A later selection over the same pool with the same model and settings, whatever
/// its target set, reads them instead of taking a gradient per candidate or repeating the warm-up.
/// </summary>
/// <remarks>
/// The key hashes everything that decides the features: the settings text (model identity, warm-up,
/// LoRA and training options, seed, projection) and each candidate's id and rendered example, in
/// order. Files are written to a temporary name and renamed; the header is renamed last, so a
/// checkpoint counts only once both files are whole. A header whose key, shape or matrix length does
/// not match is ignored and the checkpoint recomputed.
/// </remarks>
public sealed class LessDatastore
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Opens (without touching the disk) the store for <paramref name="key"/> under <paramref name="root"/>.</summary>
    public LessDatastore(string root, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Folder = Path.Combine(root, key.Length > 16 ? key[..16] : key);
    }

    /// <summary>The full key.</summary>
    public string Key { get; }

    /// <summary>The folder of this key's files.</summary>
    public string Folder { get; }

    /// <summary>The key of a settings text and the candidates (id and rendered text, in order).</summary>
    public static string ComputeKey(string settings, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(candidates);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"less-datastore-v1\n{settings}\n"));
        foreach (var candidate in candidates)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{candidate.Length}:{candidate}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The header of a complete checkpoint with this key and shape, or null.</summary>
    public LessCheckpointHeader? TryOpen(int checkpoint, int rows, int dimension)
    {
        var header = HeaderPath(checkpoint);
        if (!File.Exists(header) || !File.Exists(MatrixPath(checkpoint)))
        {
            return null;
        }

        LessCheckpointHeader? read;
        try
        {
            read = JsonSerializer.Deserialize<LessCheckpointHeader>(File.ReadAllText(header), Json);
        }
        catch (JsonException)
        {
            return null;
        }

        var complete = read is not null && read.Key == Key && read.Checkpoint == checkpoint && read.Rows == rows && read.Dimension == dimension
            && new FileInfo(MatrixPath(checkpoint)).Length == (long)rows * dimension * sizeof(float);
        return complete ? read : null;
    }

    /// <summary>Writes one checkpoint's rows, then its header; replaces what was there.</summary>
    /// <exception cref="InvalidOperationException">The rows do not match the header's shape.</exception>
    public async Task WriteAsync(LessCheckpointHeader header, IAsyncEnumerable<float[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        Directory.CreateDirectory(Folder);
        var matrix = MatrixPath(header.Checkpoint);
        var temporary = $"{matrix}.{Guid.NewGuid():N}.tmp";
        try
        {
            var count = 0;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (row.Length != header.Dimension)
                    {
                        throw new InvalidOperationException($"a row of {row.Length} values in a datastore of dimension {header.Dimension}");
                    }

                    await stream.WriteAsync(LittleEndian(row), cancellationToken).ConfigureAwait(false);
                    count++;
                }
            }

            if (count != header.Rows)
            {
                throw new InvalidOperationException($"{count} rows written for a header of {header.Rows}");
            }

            File.Move(temporary, matrix, overwrite: true);
            await WriteTextAtomicallyAsync(HeaderPath(header.Checkpoint), JsonSerializer.Serialize(header, Json), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Streams one checkpoint's rows, in order, into a scorer (the checkpoint must have been opened or written).</summary>
    public async Task ReadIntoAsync(int checkpoint, int dimension, LessScorer scorer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var bytes = new byte[dimension * sizeof(float)];
        var row = new float[dimension];
        var stream = new FileStream(MatrixPath(checkpoint), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            for (var index = 0; stream.Position < stream.Length; index++)
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < dimension; k++)
                {
                    row[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(k * sizeof(float)));
                }

                scorer.Add(index, row);
            }
        }
    }

    /// <summary>
    /// Keeps one checkpoint's trained adapters (the warm-up's trainable weights) beside its features, so a
    /// selection with another target set restores the checkpoint instead of repeating the warm-up.
    /// </summary>
    public async Task WriteAdaptersAsync(int checkpoint, float[] weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Directory.CreateDirectory(Folder);
        var path = AdaptersPath(checkpoint);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, LittleEndian(weights), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>One checkpoint's adapters as <see cref="WriteAdaptersAsync"/> kept them, or null when there are none (or a torn file).</summary>
    public float[]? TryReadAdapters(int checkpoint)
    {
        var path = AdaptersPath(checkpoint);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % sizeof(float) != 0)
        {
            return null;
        }

        var weights = new float[bytes.Length / sizeof(float)];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(k * sizeof(float)));
        }

        return weights;
    }

    private string AdaptersPath(int checkpoint) => Path.Combine(Folder, $"checkpoint-{checkpoint}.adapters");

    private string MatrixPath(int checkpoint) => Path.Combine(Folder, $"checkpoint-{checkpoint}.f32");

    private string HeaderPath(int checkpoint) => Path.Combine(Folder, $"checkpoint-{checkpoint}.json");

    private static byte[] LittleEndian(float[] row)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(row.AsSpan()).ToArray();
        }

        var bytes = new byte[row.Length * sizeof(float)];
        for (var k = 0; k < row.Length; k++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * sizeof(float)), row[k]);
        }

        return bytes;
    }

    private static async Task WriteTextAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
