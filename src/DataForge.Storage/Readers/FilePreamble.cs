using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>The whole-file checks made before any record is read: empty files and binary files.</summary>
internal static class FilePreamble
{
    /// <summary>
    /// Checks the start of a line-based <paramref name="stream"/> and leaves it at position 0; null
    /// when the file may be read. Binary means <see cref="TextBytes.LooksBinary"/>: a NUL byte in
    /// a few lines is left to the line reader, which rejects those lines alone.
    /// </summary>
    public static async ValueTask<Outcome?> CheckAsync(Stream stream, InputFile file, string? origin, CancellationToken cancellationToken)
    {
        if (stream.Length == 0)
        {
            return Rejects.EmptyFile(file, origin);
        }

        var head = new byte[Math.Min(stream.Length, TextBytes.BinaryProbeBytes)];
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        if (!TextBytes.LooksBinary(head, isWholeFile: head.Length == stream.Length))
        {
            stream.Position = 0;
            return null;
        }

        stream.Position = 0;
        var raw = new byte[Math.Min(stream.Length, RawText.MaxBytes)];
        await stream.ReadExactlyAsync(raw, cancellationToken).ConfigureAwait(false);
        return Reject(raw, stream.Length, file, origin);
    }

    /// <summary>The binary-file reject of a line-based file whose head <see cref="TextBytes.LooksBinary"/>; else null.</summary>
    public static Outcome? BinaryLines(ReadOnlySpan<byte> head, long fileLength, InputFile file, string? origin)
        => TextBytes.LooksBinary(head, isWholeFile: head.Length == fileLength) ? Reject(head, fileLength, file, origin) : null;

    /// <summary>The binary-file reject of a file read as one record when its head holds a NUL byte; else null.</summary>
    public static Outcome? Binary(ReadOnlySpan<byte> head, long fileLength, InputFile file, string? origin)
        => TextBytes.FindNul(head) < 0 ? null : Reject(head, fileLength, file, origin);

    private static Outcome Reject(ReadOnlySpan<byte> head, long fileLength, InputFile file, string? origin)
    {
        var nul = TextBytes.FindNul(head);
        var kept = head[..(int)Math.Min(head.Length, RawText.MaxBytes)];
        var raw = new RawText(Convert.ToBase64String(kept), IsBase64: true, IsTruncated: fileLength > kept.Length);
        var detail = $"line 1: binary file (NUL byte at offset {nul}), not {Describe(file)}";
        return Rejects.Create(ReadReasons.BinaryFile, detail, SampleId.ForBytes(kept), raw, file.SourceAt(1), origin);
    }

    private static string Describe(InputFile file) => file.Kind switch
    {
        InputFileKind.Jsonl => "JSON Lines text",
        InputFileKind.JsonArray => "JSON text",
        InputFileKind.Csv => "CSV text",
        InputFileKind.Tsv => "TSV text",
        _ => $"{file.Language} source text",
    };
}
