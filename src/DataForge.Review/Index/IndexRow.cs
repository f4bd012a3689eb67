using System.Text.Json.Serialization;
using DataForge.Storage.Shards;
using Parquet.Serialization.Attributes;

namespace DataForge.Review.Index;

/// <summary>
/// The columns of a shard row the index needs: decoding only these (not edits, meta, votes, raw) is
/// what makes indexing fast. Full rows are read with <see cref="ShardRow"/> when a page needs them.
/// </summary>
internal sealed class IndexRow
{
    [JsonPropertyName("id")]
    [ParquetRequired]
    public string Id { get; set; } = "";

    [JsonPropertyName("kind")]
    [ParquetRequired]
    public string Kind { get; set; } = "";

    [JsonPropertyName("instruction")]
    public string? Instruction { get; set; }

    [JsonPropertyName("input")]
    public string? Input { get; set; }

    [JsonPropertyName("output")]
    public string? Output { get; set; }

    [JsonPropertyName("messages")]
    public List<MessageRow>? Messages { get; set; }

    [JsonPropertyName("language")]
    public string? Language { get; set; }

    [JsonPropertyName("parent_id")]
    public string? ParentId { get; set; }

    [JsonPropertyName("root_id")]
    public string? RootId { get; set; }

    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("round")]
    public int? Round { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("ifd")]
    public double? Ifd { get; set; }

    [JsonPropertyName("ic_ifd")]
    public double? IcIfd { get; set; }

    [JsonPropertyName("less")]
    public double? Less { get; set; }

    [JsonPropertyName("s2l_cluster")]
    public int? S2lCluster { get; set; }

    [JsonPropertyName("step")]
    public string? Step { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
