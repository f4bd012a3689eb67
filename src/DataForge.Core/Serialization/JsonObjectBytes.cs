using System.Text.Json;

namespace DataForge.Core.Serialization;

/// <summary>Writes one JSON object to UTF-8 bytes: the request and response bodies of the model client and the server.</summary>
public static class JsonObjectBytes
{
    /// <summary>
    /// The UTF-8 bytes of one JSON object whose members <paramref name="members"/> writes (between the
    /// braces, which this writes), with <see cref="Utf8JsonWriter"/>'s default options: compact, escaped.
    /// </summary>
    public static byte[] Write(Action<Utf8JsonWriter> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
