using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>Typed reads of a <c>config.json</c> object; a value of the wrong type is an error naming the file and key.</summary>
internal sealed class ConfigReader(JsonObject root, string source)
{
    public bool Has(string key) => root[key] is not null;

    public string? String(string key) => Get(key, n => n.GetValue<string>());

    public int? Int(string key) => Get(key, n => (int?)JsonSerializer.Deserialize<int>(n.ToJsonString()));

    public double? Double(string key) => Get(key, n => (double?)JsonSerializer.Deserialize<double>(n.ToJsonString()));

    public bool? Bool(string key) => Get(key, n => (bool?)JsonSerializer.Deserialize<bool>(n.ToJsonString()));

    public JsonObject? Object(string key) => root[key] as JsonObject;

    public int RequiredInt(string key) => Int(key) ?? throw new InvalidDataException($"{source}: '{key}' is missing");

    public IReadOnlyList<int> IntList(string key) => root[key] switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => JsonSerializer.Deserialize<int>(n!.ToJsonString()))],
        var node => [JsonSerializer.Deserialize<int>(node.ToJsonString())],
    };

    private T? Get<T>(string key, Func<JsonNode, T?> read)
    {
        var node = root[key];
        if (node is null)
        {
            return default;
        }

        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: '{key}' has the wrong type ({node.ToJsonString()})"), e);
        }
    }
}
