namespace DataForge.Storage.Readers;

/// <summary>Small byte-level checks shared by the text readers.</summary>
internal static class TextBytes
{
    /// <summary>How many bytes at the start of a file are probed for a NUL byte.</summary>
    public const int BinaryProbeBytes = 8 * 1024;

    private static readonly System.Buffers.SearchValues<byte> Whitespace = System.Buffers.SearchValues.Create(" \t\r\n\f\v"u8);

    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> text) => text.StartsWith(Bom) ? text[Bom.Length..] : text;

    public static bool IsBlank(ReadOnlySpan<byte> text) => FirstNonBlank(text) < 0;

    /// <summary>Offset of the first byte that is not whitespace, or -1.</summary>
    public static int FirstNonBlank(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(Whitespace);

    /// <summary>Offset of the first NUL among the first <see cref="BinaryProbeBytes"/> bytes, or -1.</summary>
    public static int FindNul(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, BinaryProbeBytes)].IndexOf((byte)0);

    /// <summary>The first <see cref="RawText.MaxBytes"/> bytes of a file (all of a smaller one).</summary>
    public static async Task<byte[]> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[Math.Min(stream.Length, RawText.MaxBytes)];
            await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
            return head;
        }
    }

    /// <summary>Opens a file for one sequential pass; the readers buffer themselves.</summary>
    public static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
