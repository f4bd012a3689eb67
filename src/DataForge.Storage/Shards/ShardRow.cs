using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace DataForge.Storage.Shards;

/// <summary>One row of a data shard: the Parquet columns of the run folder contract.</summary>
public class ShardRow
{
    /// <summary>Content hash.</summary>
    [JsonPropertyName("id")]
    [ParquetRequired]
    public string Id { get; set; } = "";

    /// <summary>Record kind.</summary>
    [JsonPropertyName("kind")]
    [ParquetRequired]
    public string Kind { get; set; } = "";

    /// <summary>Alpaca instruction.</summary>
    [JsonPropertyName("instruction")]
    public string? Instruction { get; set; }

    /// <summary>Alpaca input.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; set; }

    /// <summary>Alpaca output (for code: the program).</summary>
    [JsonPropertyName("output")]
    public string? Output { get; set; }

    /// <summary>Whole conversation.</summary>
    [JsonPropertyName("messages")]
    public List<MessageRow>? Messages { get; set; }

    /// <summary>Programming language.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; set; }

    /// <summary>Insertion-only diffs.</summary>
    [JsonPropertyName("edits")]
    public List<string>? Edits { get; set; }

    /// <summary>Parent record id.</summary>
    [JsonPropertyName("parent_id")]
    public string? ParentId { get; set; }

    /// <summary>Root seed id.</summary>
    [JsonPropertyName("root_id")]
    public string? RootId { get; set; }

    /// <summary>Operation that made the record.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    /// <summary>Evolution round.</summary>
    [JsonPropertyName("round")]
    public int? Round { get; set; }

    /// <summary>Model identity.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Prompt template id@hash.</summary>
    [JsonPropertyName("prompt_id")]
    public string? PromptId { get; set; }

    /// <summary>IFD score.</summary>
    [JsonPropertyName("ifd")]
    public double? Ifd { get; set; }

    /// <summary>IC-IFD score.</summary>
    [JsonPropertyName("ic_ifd")]
    public double? IcIfd { get; set; }

    /// <summary>LESS score.</summary>
    [JsonPropertyName("less")]
    public double? Less { get; set; }

    /// <summary>S2L cluster.</summary>
    [JsonPropertyName("s2l_cluster")]
    public int? S2lCluster { get; set; }

    /// <summary>Ensemble votes as JSON.</summary>
    [JsonPropertyName("votes")]
    public string? Votes { get; set; }

    /// <summary>Other deterministic metadata as JSON.</summary>
    [JsonPropertyName("meta")]
    public string? Meta { get; set; }

    /// <summary>The seed's relative file:line, carried to derived records.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>Read step of the root record.</summary>
    [JsonPropertyName("origin")]
    public string? Origin { get; set; }

    /// <summary>The run.</summary>
    [JsonPropertyName("run_id")]
    public string? RunId { get; set; }

    /// <summary>The producing (or dropping) step.</summary>
    [JsonPropertyName("step")]
    public string? Step { get; set; }

    /// <summary>Drop reason, or selection reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
