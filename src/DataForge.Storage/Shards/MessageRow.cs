using System.Text.Json.Serialization;

namespace DataForge.Storage.Shards;

/// <summary>One element of the <c>messages</c> column.</summary>
public sealed class MessageRow
{
    /// <summary>Speaker.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>Text.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }
}
