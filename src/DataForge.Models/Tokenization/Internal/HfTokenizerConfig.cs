using System.Text.Json;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>What DataForge takes from a <c>tokenizer_config.json</c> (and a <c>chat_template.jinja</c> beside it).</summary>
internal sealed record HfTokenizerConfig(
    string? BosToken, string? EosToken, string? PadToken, bool? AddBosToken, string? ChatTemplate, int? ModelMaxLength)
{
    public const string FileName = "tokenizer_config.json";

    public static HfTokenizerConfig Empty { get; } = new(null, null, null, null, null, null);

    public static HfTokenizerConfig Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var config = File.Exists(path) ? Parse(path) : Empty;
        var jinja = Path.Combine(folder, "chat_template.jinja");
        return config.ChatTemplate is null && File.Exists(jinja) ? config with { ChatTemplate = File.ReadAllText(jinja) } : config;
    }

    private static HfTokenizerConfig Parse(string path)
    {
        using var file = JsonFile.Open(path);
        return Parse(file);
    }

    public static HfTokenizerConfig Parse(JsonFile file)
    {
        var root = file.Root.ValueKind == JsonValueKind.Object ? file.Root : throw file.Error("$", "expected an object");
        return new HfTokenizerConfig(
            TokenText(file, root, "bos_token"),
            TokenText(file, root, "eos_token"),
            TokenText(file, root, "pad_token"),
            file.OptionalBool(root, "add_bos_token", "$.add_bos_token"),
            ChatTemplateText(file, root),
            MaxLength(root));
    }

    /// <summary>A token given as a string or as an <c>AddedToken</c> object with <c>content</c>.</summary>
    private static string? TokenText(JsonFile file, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? file.RequiredString(value, "content", $"$.{name}.content")
            : file.OptionalString(root, name, "$." + name);
    }

    /// <summary>A string, or a list of named templates of which the one called <c>default</c> is taken.</summary>
    private static string? ChatTemplateText(JsonFile file, JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return file.OptionalString(root, "chat_template", "$.chat_template");
        }

        return value.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object && file.OptionalString(t, "name", "$.chat_template[].name") == "default")
            .Select(t => file.OptionalString(t, "template", "$.chat_template[].template"))
            .FirstOrDefault();
    }

    /// <summary><c>model_max_length</c>; the "no limit" sentinel (about 1e30) and bad values read as unknown.</summary>
    private static int? MaxLength(JsonElement root)
    {
        if (!root.TryGetProperty("model_max_length", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var length = value.GetDouble();
        return length is >= 1 and <= int.MaxValue ? (int)length : null;
    }
}
