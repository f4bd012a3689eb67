using System.Text.Json.Serialization;
using DataForge.Storage.Shards;
using Parquet;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace DataForge.ReviewBench;

/// <summary>
/// The baseline the review index is measured against: every row group of every shard of a run decoded
/// once, one after the other, with the columns the index reads, and nothing else done with them.
/// </summary>
internal static class DecodeBaseline
{
    public static async Task<long> RunAsync(string folder)
    {
        long rows = 0;
        long characters = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            int groups;
            await using (var stream = File.OpenRead(file))
            {
                await using var reader = await ParquetReader.CreateAsync(stream);
                groups = reader.RowGroupCount;
            }

            for (var group = 0; group < groups; group++)
            {
                await using var stream = File.OpenRead(file);
                var data = await ParquetSerializer.DeserializeAsync<IndexColumns>(stream, null, group);
                foreach (var row in data.Data)
                {
                    rows++;
                    characters += (row.Instruction?.Length ?? 0) + (row.Output?.Length ?? 0);
                }
            }
        }

        Console.WriteLine($"{rows} records decoded ({characters} characters of instruction and output)");
        return rows;
    }

    /// <summary>The columns the review index decodes (the same set as the index's own row type).</summary>
    private sealed class IndexColumns
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
}
