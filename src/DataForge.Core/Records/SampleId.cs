using System.Security.Cryptography;
using System.Text;

namespace DataForge.Core.Records;

/// <summary>Computes stable content ids: lower-case hex of the first 16 bytes of a SHA-256.</summary>
public static class SampleId
{
    /// <summary>The id of a record from the fields that define its content.</summary>
    public static string ForContent(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, sample.Kind);
        Append(hash, sample.Instruction);
        Append(hash, sample.Input);
        Append(hash, sample.Output);
        Append(hash, sample.Language);
        if (sample.Messages is { } messages)
        {
            foreach (var m in messages)
            {
                Append(hash, m.Role);
                Append(hash, m.Content);
            }
        }

        if (sample.Edits is { } edits)
        {
            foreach (var e in edits)
            {
                Append(hash, e);
            }
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>The id of raw bytes (rejected input that never became a record).</summary>
    public static string ForBytes(ReadOnlySpan<byte> bytes) => Hash(bytes);

    /// <summary>Hex of the first 16 bytes of SHA-256.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    // Length-prefixed ("<UTF-16 length>:<UTF-8 text>") so that ("ab","c") and ("a","bc") differ; null ("-1:") differs from "".
    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> prefix = stackalloc byte[16];
        var length = value?.Length ?? -1;
        length.TryFormat(prefix, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        prefix[written++] = (byte)':';
        hash.AppendData(prefix[..written]);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            hash.AppendData(buffer, 0, Encoding.UTF8.GetBytes(value, buffer));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
