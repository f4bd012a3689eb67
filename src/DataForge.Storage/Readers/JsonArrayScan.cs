using System.Text.Json;

namespace DataForge.Storage.Readers;

/// <summary>
/// The elements of a JSON array text, found in one syntax pass, as (start, length) byte ranges;
/// when the array is broken, the elements before the break and the problem.
/// </summary>
internal sealed class JsonArrayScan
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private JsonArrayScan(List<(int Start, int Length)> elements)
    {
        Elements = elements;
    }

    public List<(int Start, int Length)> Elements { get; }

    /// <summary>Where the unreadable part starts (just after the last good element); -1 when the array is whole.</summary>
    public int ErrorOffset { get; private set; } = -1;

    /// <summary>1-based line of the syntax error.</summary>
    public long ErrorLine { get; private set; }

    public string ErrorDetail { get; private set; } = string.Empty;

    public static JsonArrayScan Scan(ReadOnlySpan<byte> json)
    {
        var scan = new JsonArrayScan([]);
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                scan.Elements.Add((start, (int)reader.BytesConsumed - start));
            }

            reader.Read();
        }
        catch (JsonException e)
        {
            scan.ErrorOffset = scan.Elements.Count == 0 ? 0 : scan.Elements[^1].Start + scan.Elements[^1].Length;
            scan.ErrorLine = (e.LineNumber ?? 0) + 1;
            scan.ErrorDetail = RecordParser.Describe(e);
        }

        return scan;
    }
}
