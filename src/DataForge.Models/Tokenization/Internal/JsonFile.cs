using System.Text.Json;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>A parsed JSON file and its path, so every error names the file and the JSON path.</summary>
internal sealed class JsonFile : IDisposable
{
    private readonly JsonDocument _document;

    private JsonFile(string path, JsonDocument document)
    {
        Path = path;
        _document = document;
    }

    public string Path { get; }

    public JsonElement Root => _document.RootElement;

    public static JsonFile Open(string path) => Parse(path, File.ReadAllBytes(path));

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="path"/> names them in errors (a file, or a key inside one).</summary>
    public static JsonFile Parse(string path, byte[] bytes)
    {
        try
        {
            var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
            return new JsonFile(path, JsonDocument.Parse(bytes, options));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
    }

    public InvalidDataException Error(string jsonPath, string message) => new($"{Path}: {jsonPath}: {message}");

    /// <summary>A property that may be missing or null; anything else must be an object.</summary>
    public JsonElement? OptionalObject(JsonElement parent, string name, string jsonPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Error(jsonPath, $"expected an object, found {Describe(value)}");
    }

    public JsonElement RequiredObject(JsonElement parent, string name, string jsonPath)
        => OptionalObject(parent, name, jsonPath) ?? throw Error(jsonPath, "missing (an object is required)");

    public JsonElement RequiredArray(JsonElement parent, string name, string jsonPath)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            return value;
        }

        throw Error(jsonPath, "missing or not an array");
    }

    public string? OptionalString(JsonElement parent, string name, string jsonPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(jsonPath, $"expected a string, found {Describe(value)}");
    }

    public string RequiredString(JsonElement parent, string name, string jsonPath)
        => OptionalString(parent, name, jsonPath) ?? throw Error(jsonPath, "missing (a string is required)");

    public bool? OptionalBool(JsonElement parent, string name, string jsonPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(jsonPath, $"expected true or false, found {Describe(value)}"),
        };
    }

    public int RequiredInt(JsonElement element, string jsonPath)
        => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= 0
            ? value
            : throw Error(jsonPath, $"expected a non-negative integer, found {Describe(element)}");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Undefined => "nothing",
        _ => value.GetRawText(),
    };

    public void Dispose() => _document.Dispose();
}
