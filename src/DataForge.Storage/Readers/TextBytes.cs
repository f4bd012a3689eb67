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

    /// <summary>
    /// Whether the start of a line-based text file (JSON Lines, JSON) is binary data rather than
    /// text with a few bad lines.
    /// </summary>
    /// <remarks>
    /// The rule: the first <see cref="BinaryProbeBytes"/> bytes are split at each <c>'\n'</c> and
    /// blank lines are ignored. A line is text when it holds no NUL byte and is valid UTF-8 (a
    /// multi-byte sequence cut by the end of the probe counts as valid). The file is binary when
    /// the probe holds a NUL byte and fewer than half of its lines are text. So a NUL byte in a few
    /// lines rejects only those lines, while images, archives, random bytes and UTF-16 text (which
    /// has a NUL byte in every line) stay one <c>binary_file</c> reject. A file whose probe is one
    /// line holding a NUL byte (a single record over 8 KiB) also counts as binary.
    /// </remarks>
    /// <param name="head">The start of the file.</param>
    /// <param name="isWholeFile">True when <paramref name="head"/> is the whole file, so its last line is not cut.</param>
    public static bool LooksBinary(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        var cut = !isWholeFile || head.Length > BinaryProbeBytes;
        head = head[..Math.Min(head.Length, BinaryProbeBytes)];
        if (head.IndexOf((byte)0) < 0)
        {
            return false;
        }

        var lines = 0;
        var text = 0;
        while (!head.IsEmpty)
        {
            var end = head.IndexOf((byte)'\n');
            var line = end < 0 ? head : head[..end];
            head = end < 0 ? [] : head[(end + 1)..];
            if (!IsBlank(line))
            {
                lines++;
                text += IsTextLine(line, cut && end < 0) ? 1 : 0;
            }
        }

        return text * 2 < lines;
    }

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

    private static bool IsTextLine(ReadOnlySpan<byte> line, bool cut)
        => line.IndexOf((byte)0) < 0 && System.Text.Unicode.Utf8.IsValid(cut ? RawText.TrimPartialTail(line) : line);

    /// <summary>Opens a file for one sequential pass; the readers buffer themselves.</summary>
    public static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
