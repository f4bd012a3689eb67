using System.Text.Json;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>The human-readable part of an error body: <c>error.message</c>, <c>message</c> or <c>detail</c>, else its start.</summary>
internal static class ErrorBody
{
    private const int MaxLength = 500;

    public static string MessageOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(empty body)";
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (Find(doc.RootElement) is { } message)
            {
                return Cut(message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, a proxy's text): show its start.
        }

        return Cut(body.Trim());
    }

    private static string? Find(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind == JsonValueKind.String ? error.GetString() : Find(error);
        }

        foreach (var name in (string[])["message", "detail"])
        {
            if (root.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString();
            }
        }

        return null;
    }

    private static string Cut(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
