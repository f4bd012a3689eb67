using System.Text.Json;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Looks for a <c>TemplateProcessing</c> post-processor (alone or in a <c>Sequence</c>) whose single-sequence
/// template starts with a special token: that is how Llama 3 adds its BOS without <c>add_bos_token</c>.
/// </summary>
internal static class PostProcessorReader
{
    public static string? FirstSpecialToken(JsonElement root)
    {
        if (!root.TryGetProperty("post_processor", out var node) || node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return FromProcessor(node);
    }

    private static string? FromProcessor(JsonElement node)
    {
        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "Sequence" && node.TryGetProperty("processors", out var processors) && processors.ValueKind == JsonValueKind.Array)
        {
            return processors.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object)
                .Select(FromProcessor)
                .FirstOrDefault(token => token is not null);
        }

        if (type != "TemplateProcessing" || !node.TryGetProperty("single", out var single)
            || single.ValueKind != JsonValueKind.Array || single.GetArrayLength() == 0)
        {
            return null;
        }

        var first = single[0];
        return first.ValueKind == JsonValueKind.Object
            && first.TryGetProperty("SpecialToken", out var special) && special.ValueKind == JsonValueKind.Object
            && special.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
    }
}
