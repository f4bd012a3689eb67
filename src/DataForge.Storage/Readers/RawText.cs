using System.Text;
using System.Text.Unicode;

namespace DataForge.Storage.Readers;

/// <summary>The <c>raw</c> text of a reject: UTF-8 text when the bytes are UTF-8, else base64; at most 64 KiB of input.</summary>
/// <param name="Text">The text to store.</param>
/// <param name="IsBase64">True when <paramref name="Text"/> is base64 of bytes that are not UTF-8.</param>
/// <param name="IsTruncated">True when only the first <see cref="MaxBytes"/> bytes are kept.</param>
internal readonly record struct RawText(string Text, bool IsBase64, bool IsTruncated)
{
    /// <summary>The most input bytes kept in a raw text.</summary>
    public const int MaxBytes = 64 * 1024;

    public static RawText Empty { get; } = new(string.Empty, false, false);

    /// <summary>The raw text of <paramref name="bytes"/>; <paramref name="truncated"/> says the bytes are already a prefix.</summary>
    public static RawText From(ReadOnlySpan<byte> bytes, bool truncated = false)
    {
        if (bytes.Length > MaxBytes)
        {
            bytes = bytes[..MaxBytes];
            truncated = true;
        }

        var text = truncated ? TrimPartialTail(bytes) : bytes;
        return Utf8.IsValid(text)
            ? new RawText(Encoding.UTF8.GetString(text), false, truncated)
            : new RawText(Convert.ToBase64String(bytes), true, truncated);
    }

    /// <summary>Drops a UTF-8 sequence that a cut left incomplete at the end of <paramref name="bytes"/>.</summary>
    public static ReadOnlySpan<byte> TrimPartialTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length > back ? bytes[..^back] : bytes;
            }
        }

        return bytes;
    }
}
