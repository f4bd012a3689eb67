using System.IO.Compression;
using System.Text;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Realistic input fixtures shared by the reader tests: the same records as JSON Lines, CSV and compressed files.</summary>
internal static class InputShapes
{
    /// <summary>Four records: Alpaca with non-ASCII, empty strings and nulls, a nested chat with extra fields, ShareGPT.</summary>
    public const string JsonLines =
        "{\"instruction\": \"Übersetze ins Englische: Grüße aus Köln 👋\", \"input\": \"\", \"output\": \"Greetings from Cologne 👋\", \"id_hint\": 7, \"tags\": [\"de\", \"en\"]}\n" +
        "{\"instruction\": \"列出三种水果\", \"input\": null, \"output\": \"苹果、香蕉、橙子\", \"language\": null, \"meta\": {\"nested\": {\"deep\": [1, 2, {\"x\": null}]}}}\n" +
        "{\"messages\": [{\"role\": \"system\", \"content\": \"You are terse.\"}, {\"role\": \"user\", \"content\": \"Say \\\"hi\\\"\\nthen stop\", \"name\": \"ana\"}, {\"role\": \"assistant\", \"content\": \"\"}, {\"role\": \"user\", \"content\": \"again\"}, {\"role\": \"assistant\", \"content\": \"hi\", \"weight\": 1}], \"source_id\": \"conv-1\"}\n" +
        "{\"conversations\": [{\"from\": \"human\", \"value\": \"¿Qué hora es?\"}, {\"from\": \"gpt\", \"value\": \"No lo sé.\"}], \"id\": \"sg-9\"}\n";

    /// <summary>The same four records as CSV: quoted cells with commas, quotes and newlines, conversation cells as JSON.</summary>
    public const string Csv =
        "instruction,input,output,language,messages,conversations,extra\r\n" +
        "Übersetze ins Englische: Grüße aus Köln 👋,,Greetings from Cologne 👋,,,,\"x, y\"\r\n" +
        "列出三种水果,,苹果、香蕉、橙子,,,,\r\n" +
        ",,,,\"[{\"\"role\"\": \"\"system\"\", \"\"content\"\": \"\"You are terse.\"\"}, {\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"Say \\\"\"hi\\\"\"\\nthen stop\"\"}, {\"\"role\"\": \"\"assistant\"\", \"\"content\"\": \"\"\"\"}, {\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"again\"\"}, {\"\"role\"\": \"\"assistant\"\", \"\"content\"\": \"\"hi\"\"}]\",,\r\n" +
        ",,,,,\"[{\"\"from\"\": \"\"human\"\", \"\"value\"\": \"\"¿Qué hora es?\"\"}, {\"\"from\"\": \"\"gpt\"\", \"\"value\"\": \"\"No lo sé.\"\"}]\",\"multi\nline\"\r\n";

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static byte[] Zstd(string text)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(Encoding.UTF8.GetBytes(text)).ToArray();
    }
}
