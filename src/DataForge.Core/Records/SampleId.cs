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
        var text = new StringBuilder();
        Append(text, sample.Kind);
        Append(text, sample.Instruction);
        Append(text, sample.Input);
        Append(text, sample.Output);
        Append(text, sample.Language);
        if (sample.Messages is { } messages)
        {
            foreach (var m in messages)
            {
                Append(text, m.Role);
                Append(text, m.Content);
            }
        }

        if (sample.Edits is { } edits)
        {
            foreach (var e in edits)
            {
                Append(text, e);
            }
        }

        return Hash(Encoding.UTF8.GetBytes(text.ToString()));
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

    // Length-prefixed so that ("ab","c") and ("a","bc") differ; null differs from "".
    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-1:");
            return;
        }

        text.Append(value.Length).Append(':').Append(value);
    }
}
