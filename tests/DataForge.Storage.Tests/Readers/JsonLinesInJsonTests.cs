using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>JSON Lines saved with a <c>.json</c> extension are read line by line, as a <c>.jsonl</c> file.</summary>
public sealed class JsonLinesInJsonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_JsonLinesSavedAsJson_EveryShapeFieldByField()
    {
        // Arrange
        var path = _folder.Write("chats.json", InputShapes.JsonLines);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["chats.json:1", "chats.json:2", "chats.json:3", "chats.json:4"], outcomes.Select(o => o.Sample.Source));
        var (alpaca, cjk, chat, shareGpt) = (outcomes[0].Sample, outcomes[1].Sample, outcomes[2].Sample, outcomes[3].Sample);
        Assert.Equal(("Übersetze ins Englische: Grüße aus Köln 👋", "", "Greetings from Cologne 👋", null), (alpaca.Instruction, alpaca.Input, alpaca.Output, alpaca.Language));
        Assert.Null(alpaca.Messages);
        Assert.Equal(("列出三种水果", null, "苹果、香蕉、橙子", null), (cjk.Instruction, cjk.Input, cjk.Output, cjk.Language));
        Assert.Equal(("Say \"hi\"\nthen stop", null, ""), (chat.Instruction, chat.Input, chat.Output));
        Assert.Equal(
            [new ChatMessage("system", "You are terse."), new ChatMessage("user", "Say \"hi\"\nthen stop"), new ChatMessage("assistant", ""), new ChatMessage("user", "again"), new ChatMessage("assistant", "hi")],
            chat.Messages!.Value.ToArray());
        Assert.Equal(("¿Qué hora es?", "No lo sé."), (shareGpt.Instruction, shareGpt.Output));
        Assert.Equal([new ChatMessage("user", "¿Qué hora es?"), new ChatMessage("assistant", "No lo sé.")], shareGpt.Messages!.Value.ToArray());
    }

    [Fact]
    public async Task ReadAsync_JsonLinesSavedAsJson_SameRecordsAsJsonl()
    {
        // Arrange
        var json = _folder.Write("a/data.json", InputShapes.JsonLines);
        var jsonl = _folder.Write("b/data.jsonl", InputShapes.JsonLines);

        // Act
        var fromJson = await ReaderTestKit.ReadAllAsync(json);
        var fromJsonl = await ReaderTestKit.ReadAllAsync(jsonl);

        // Assert
        Assert.Equal(fromJsonl.Select(o => o.Fingerprint(s => s.Replace("data.jsonl", "data.json", StringComparison.Ordinal))), fromJson.Select(o => o.Fingerprint()));
    }

    [Fact]
    public async Task ReadAsync_JsonLinesWithBadLine_RejectsThatLineOnly()
    {
        // Arrange
        var path = _folder.Write("mixed.json", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"c\" \"output\": \"d\"}\n\n{\"instruction\": \"e\", \"output\": \"f\"}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["mixed.json:2 invalid_json"], outcomes.RejectSummary());
        Assert.Equal(["a", "e"], outcomes.Kept().Select(o => o.Sample.Instruction));
        Assert.Equal("mixed.json:4", outcomes[2].Sample.Source);
    }

    [Fact]
    public async Task ReadAsync_SingleLineObjectJson_StaysOneRecord()
    {
        // Arrange
        var path = _folder.Write("one.json", "{\"instruction\": \"a\", \"output\": \"b\"}\n\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(("a", "b", "one.json:1"), (sample.Instruction, sample.Output, sample.Source));
    }

    [Fact]
    public async Task ReadAsync_PrettyPrintedObjectJson_StaysOneRecord()
    {
        // Arrange: the first line alone is not a complete value.
        var path = _folder.Write("pretty.json", "{\n  \"instruction\": \"a\",\n  \"output\": \"b\"\n}\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(("a", "b", "pretty.json:1"), (sample.Instruction, sample.Output, sample.Source));
    }
}
