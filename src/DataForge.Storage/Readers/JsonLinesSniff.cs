using System.Text.Json;

namespace DataForge.Storage.Readers;

/// <summary>
/// Tells JSON Lines saved as <c>.json</c> from a JSON document: the first non-blank line starts
/// with <c>{</c>, is one complete JSON value on its own, and another non-blank line follows.
/// A pretty-printed object, an array or a single-line object stays a JSON document.
/// </summary>
internal static class JsonLinesSniff
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    public static async Task<bool> IsJsonLinesAsync(string path, int maxLineBytes, CancellationToken cancellationToken)
    {
        var stream = TextBytes.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var lines = new LineSplitter(stream, maxLineBytes);
            var first = true;
            while (await lines.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Oversized?.Dispose();
                if (lines.Oversized is null && TextBytes.IsBlank(TextBytes.StripBom(lines.Current.Span)))
                {
                    continue;
                }

                if (!first)
                {
                    return true;
                }

                if (lines.Oversized is not null || !IsOneObject(TextBytes.StripBom(lines.Current.Span)))
                {
                    return false;
                }

                first = false;
            }

            return false;
        }
    }

    private static bool IsOneObject(ReadOnlySpan<byte> line)
    {
        var start = TextBytes.FirstNonBlank(line);
        if (line[start] != (byte)'{')
        {
            return false;
        }

        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
