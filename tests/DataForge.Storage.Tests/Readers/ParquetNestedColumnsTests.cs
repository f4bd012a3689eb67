using System.Text.Json;
using System.Text.Json.Serialization;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Parquet.Serialization;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Parquet files as dataset hubs publish them: a messages list of structs, typed extra columns, lists with nulls, nested structs, maps.</summary>
public sealed class ParquetNestedColumnsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_MessagesAndTypedColumns_ConversationWholeAndEveryOtherColumnInExtraWithItsType()
    {
        // Arrange
        var path = _folder.Combine("chat.parquet");
        var rows = new[]
        {
            new ChatRow
            {
                Id = "c-1", Category = "géographie", Score = 0.75, Turns = 4, Flagged = false, Tags = ["日本", null, ""],
                Messages = [Turn("system", "Sois bref."), Turn("user", "Capitale du Japon ?"), Turn("assistant", "Tokyo 🗼"), Turn("user", "Et de la France ?"), Turn("assistant", "Paris")],
                Info = new InfoStruct { Author = "ana", Votes = 3 },
                Labels = new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 },
            },
            new ChatRow { Id = "c-2", Messages = [Turn("user", "Only a question")], Tags = [], Labels = [] },
        };
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeAsync(rows, stream);
        }

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { Origin = "hub" });

        // Assert
        Assert.Empty(outcomes.Rejected());
        var (first, second) = (outcomes[0].Sample, outcomes[1].Sample);
        Assert.Equal(("Capitale du Japon ?", null, "Tokyo 🗼", "chat.parquet:1", "hub"), (first.Instruction, first.Input, first.Output, first.Source, first.Origin));
        Assert.Equal(
            [new ChatMessage("system", "Sois bref."), new ChatMessage("user", "Capitale du Japon ?"), new ChatMessage("assistant", "Tokyo 🗼"), new ChatMessage("user", "Et de la France ?"), new ChatMessage("assistant", "Paris")],
            first.Messages!.Value.ToArray());
        var extra = first.Meta["extra"];
        Assert.Equal(["category", "flagged", "id", "info", "labels", "score", "tags", "turns"], extra.EnumerateObject().Select(p => p.Name));
        Assert.Equal("géographie", extra.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.False, extra.GetProperty("flagged").ValueKind);
        Assert.Equal(0.75, extra.GetProperty("score").GetDouble());
        Assert.Equal(4, extra.GetProperty("turns").GetInt64());
        Assert.Equal(["日本", null, ""], extra.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, extra.GetProperty("tags")[1].ValueKind);
        Assert.Equal(("ana", 3L), (extra.GetProperty("info").GetProperty("author").GetString(), extra.GetProperty("info").GetProperty("votes").GetInt64()));
        Assert.Equal((1L, 2L), (extra.GetProperty("labels").GetProperty("a").GetInt64(), extra.GetProperty("labels").GetProperty("b").GetInt64()));

        ConversationPairTests.AssertFirstExchange([first, second]);
        Assert.Equal(("Only a question", null), (second.Instruction, second.Output));
        var nulls = second.Meta["extra"];
        Assert.Equal(JsonValueKind.Null, nulls.GetProperty("category").ValueKind);
        Assert.Equal(JsonValueKind.Null, nulls.GetProperty("info").ValueKind);
        Assert.Equal(JsonValueKind.Null, nulls.GetProperty("score").ValueKind);
        Assert.Equal(0, nulls.GetProperty("tags").GetArrayLength());
        Assert.Empty(nulls.GetProperty("labels").EnumerateObject());
    }

    [Fact]
    public async Task ReadAsync_ExtraColumns_IdSameAsWithoutThem()
    {
        // Arrange
        var plain = _folder.Combine("plain.parquet");
        var rich = _folder.Combine("rich.parquet");
        await ParquetFileReaderTests.WriteAsync(plain, ["instruction", "output"], [["Name a colour.", "Blue"]]);
        await ParquetFileReaderTests.WriteAsync(rich, ["id", "instruction", "output", "category"], [["x-9", "Name a colour.", "Blue", "art"]]);

        // Act
        var a = Assert.Single(await ReaderTestKit.ReadAllAsync(plain)).Sample;
        var b = Assert.Single(await ReaderTestKit.ReadAllAsync(rich)).Sample;

        // Assert
        Assert.Equal(a.Id, b.Id);
        Assert.False(a.Meta.ContainsKey("extra"));
        Assert.Equal("{\"category\":\"art\",\"id\":\"x-9\"}", b.MetaText("extra"));
    }

    [Fact]
    public async Task ReadAsync_BinaryInstructionColumn_WrongTypeWithTheWholeRowAsRaw()
    {
        // Arrange
        var path = _folder.Combine("bytes.parquet");
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeAsync(new[] { new BinaryRow { Instruction = [0x68, 0x69], Output = "hi" } }, stream);
        }

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("wrong_type", "bytes.parquet:1"), (reject.Verdict.Reason, reject.Sample.Source));
        Assert.Equal("row 1: column 'instruction' holds binary values, not strings", reject.Sample.MetaText("detail"));
        Assert.Equal("{\"instruction\":\"aGk=\",\"output\":\"hi\"}", reject.Raw);
    }

    private static MessageStruct Turn(string role, string content) => new() { Role = role, Content = content };

    private sealed class ChatRow
    {
        [JsonPropertyName("id")] public string? Id { get; set; }

        [JsonPropertyName("messages")] public List<MessageStruct>? Messages { get; set; }

        [JsonPropertyName("category")] public string? Category { get; set; }

        [JsonPropertyName("score")] public double? Score { get; set; }

        [JsonPropertyName("turns")] public int Turns { get; set; }

        [JsonPropertyName("flagged")] public bool? Flagged { get; set; }

        [JsonPropertyName("tags")] public List<string?>? Tags { get; set; }

        [JsonPropertyName("info")] public InfoStruct? Info { get; set; }

        [JsonPropertyName("labels")] public Dictionary<string, int>? Labels { get; set; }
    }

    private sealed class MessageStruct
    {
        [JsonPropertyName("role")] public string? Role { get; set; }

        [JsonPropertyName("content")] public string? Content { get; set; }
    }

    private sealed class InfoStruct
    {
        [JsonPropertyName("author")] public string? Author { get; set; }

        [JsonPropertyName("votes")] public int? Votes { get; set; }
    }

    private sealed class BinaryRow
    {
        [JsonPropertyName("instruction")] public byte[]? Instruction { get; set; }

        [JsonPropertyName("output")] public string? Output { get; set; }
    }
}
