using System.Text.Json.Serialization;

namespace DataForge.Storage.Shards;

/// <summary>One row of a rejects shard: the data columns plus the raw rejected text.</summary>
public sealed class RejectRow : ShardRow
{
    /// <summary>The raw input line or model output (base64 when it was not UTF-8; see meta.raw_encoding).</summary>
    [JsonPropertyName("raw")]
    [JsonPropertyOrder(1)] // after the data columns, which keep the default order 0
    public string? Raw { get; set; }
}
