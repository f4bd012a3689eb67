using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>The whole-file checks made before any record is read: empty files and binary files.</summary>
internal static class FilePreamble
{
    /// <summary>Checks the start of <paramref name="stream"/> and leaves it at position 0; null when the file may be read.</summary>
    public static async ValueTask<Outcome?> CheckAsync(Stream stream, InputFile file, string? origin, CancellationToken cancellationToken)
    {
        if (stream.Length == 0)
        {
            return Rejects.EmptyFile(file, origin);
        }

        var head = new byte[Math.Min(stream.Length, TextBytes.BinaryProbeBytes)];
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        if (TextBytes.FindNul(head) < 0)
        {
            stream.Position = 0;
            return null;
        }

        stream.Position = 0;
        var raw = new byte[Math.Min(stream.Length, RawText.MaxBytes)];
        await stream.ReadExactlyAsync(raw, cancellationToken).ConfigureAwait(false);
        return Binary(raw, stream.Length, file, origin);
    }

    /// <summary>The binary-file reject when the head of the file holds a NUL byte; else null.</summary>
    public static Outcome? Binary(ReadOnlySpan<byte> head, long fileLength, InputFile file, string? origin)
    {
        var nul = TextBytes.FindNul(head);
        if (nul < 0)
        {
            return null;
        }

        var kept = head[..(int)Math.Min(head.Length, RawText.MaxBytes)];
        var raw = new RawText(Convert.ToBase64String(kept), IsBase64: true, IsTruncated: fileLength > kept.Length);
        var detail = $"line 1: binary file (NUL byte at offset {nul}), not {Describe(file)}";
        return Rejects.Create(ReadReasons.BinaryFile, detail, SampleId.ForBytes(kept), raw, file.SourceAt(1), origin);
    }

    private static string Describe(InputFile file) => file.Kind switch
    {
        InputFileKind.Jsonl => "JSON Lines text",
        InputFileKind.JsonArray => "JSON text",
        _ => $"{file.Language} source text",
    };
}
