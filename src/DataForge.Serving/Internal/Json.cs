using System.Text.Json;

namespace DataForge.Serving.Internal;

/// <summary>Writes one JSON object to bytes.</summary>
internal static class Json
{
    public static byte[] Object(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
