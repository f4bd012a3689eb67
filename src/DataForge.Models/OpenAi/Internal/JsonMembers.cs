using System.Text.Json;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>Small JSON helpers: reading the members of a response.</summary>
internal static class JsonMembers
{
    /// <summary>The member <paramref name="name"/> of an object; an <see cref="InvalidDataException"/> when it is missing.</summary>
    public static JsonElement Required(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException($"The response has no '{name}'.");

    /// <summary>A string member, or <paramref name="fallback"/> when it is missing or null.</summary>
    public static string String(JsonElement element, string name, string fallback)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : fallback;

    /// <summary>An integer member, or 0 when it is missing or not a number.</summary>
    public static int Int(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number)
            ? number
            : 0;

    /// <summary>The first choice of an OpenAI response.</summary>
    public static JsonElement FirstChoice(JsonElement root)
    {
        var choices = Required(root, "choices");
        if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw new InvalidDataException("The response has no choices.");
        }

        return choices[0];
    }
}
