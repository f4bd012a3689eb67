using System.Text;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Reading JSON lines: alpaca, chat and ShareGPT shapes, line endings and buffer boundaries, ids and lineage.</summary>
public sealed class JsonlFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_AlpacaLine_KeepsFieldsAndLineage()
    {
        // Arrange
        var path = _folder.Write("seeds.jsonl", "{\"instruction\":\"Add\",\"input\":\"1 2\",\"output\":\"3\",\"language\":\"math\",\"extra\":{\"deep\":[1]}}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { Origin = "seeds" });

        // Assert
        var sample = Assert.Single(outcomes.Kept()).Sample;
        Assert.Equal(("Add", "1 2", "3", "math"), (sample.Instruction, sample.Input, sample.Output, sample.Language));
        Assert.Equal(SampleKinds.Instruction, sample.Kind);
        Assert.Equal(0, sample.Round);
        Assert.Equal(sample.Id, sample.RootId);
        Assert.Equal(SampleId.ForContent(sample), sample.Id);
        Assert.Equal("seeds.jsonl:1", sample.Source);
        Assert.Equal("seeds", sample.Origin);
        Assert.Null(sample.Messages);
    }

    [Fact]
    public async Task ReadAsync_InputAbsentOrNull_InputIsNull()
    {
        // Arrange
        var path = _folder.Write("a.jsonl", "{\"instruction\":\"A\",\"output\":\"B\"}\n{\"instruction\":\"A\",\"input\":null,\"output\":\"B\"}\n");

        // Act
        var kept = (await ReaderTestKit.ReadAllAsync(path)).Kept();

        // Assert
        Assert.Equal(2, kept.Count);
        Assert.All(kept, o => Assert.Null(o.Sample.Input));
        Assert.Equal(kept[0].Sample.Id, kept[1].Sample.Id);
    }

    [Fact]
    public async Task ReadAsync_ChatMessages_KeptWholeWithFirstUserAndTheAnswerRightAfterIt()
    {
        // Arrange
        var line = "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U1\"},{\"role\":\"assistant\",\"content\":\"A1\"},{\"role\":\"user\",\"content\":\"U2\"},{\"role\":\"assistant\",\"content\":\"A2\"}]}\n";
        var path = _folder.Write("chat.jsonl", line);

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(5, sample.Messages!.Value.Length);
        Assert.Equal(new ChatMessage("user", "U2"), sample.Messages.Value[3]);
        Assert.Equal(("U1", null, "A1"), (sample.Instruction, sample.Input, sample.Output));
    }

    [Fact]
    public async Task ReadAsync_ChatWithoutAssistant_OutputIsNull()
    {
        // Arrange
        var path = _folder.Write("chat.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"Only a question\"}]}\n");

        // Act
        var sample = Assert.Single((await ReaderTestKit.ReadAllAsync(path)).Kept()).Sample;

        // Assert
        Assert.Equal("Only a question", sample.Instruction);
        Assert.Null(sample.Output);
    }

    [Fact]
    public async Task ReadAsync_ShareGpt_MapsRolesAndKeepsUnknownOnes()
    {
        // Arrange
        var line = "{\"conversations\":[{\"from\":\"system\",\"value\":\"S\"},{\"from\":\"human\",\"value\":\"Q\"},{\"from\":\"function\",\"value\":\"F\"},{\"from\":\"gpt\",\"value\":\"A\"},{\"from\":\"model\",\"value\":\"B\"}]}\n";
        var path = _folder.Write("share.jsonl", line);

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(["system", "user", "function", "assistant", "assistant"], sample.Messages!.Value.Select(m => m.Role));
        // The turn after the question is a function's, not an answer: output stays null rather than pair Q with a later turn.
        Assert.Equal(("Q", null), (sample.Instruction, sample.Output));
    }

    [Fact]
    public async Task ReadAsync_BomCrlfAndBlankLines_ReadWithPhysicalLineNumbers()
    {
        // Arrange
        var path = _folder.Write("crlf.jsonl", "\uFEFF{\"instruction\":\"a\",\"output\":\"b\"}\r\n\r\n  \t\r\n{\"instruction\":\"c\",\"output\":\"d\\r\\n\"}\r\n\n{\"instruction\":\"e\",\"output\":\"f\"}\r\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["crlf.jsonl:1", "crlf.jsonl:4", "crlf.jsonl:6"], outcomes.Select(o => o.Sample.Source));
        Assert.Equal("a", outcomes[0].Sample.Instruction);
        Assert.Equal("d\r\n", outcomes[1].Sample.Output);
    }

    [Fact]
    public async Task ReadAsync_ManyLinesAcrossBufferBoundaries_AllRead()
    {
        // Arrange: ~100 bytes per line, so lines straddle every 64 KiB buffer refill.
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append("{\"instruction\":\"item ").Append(i).Append("\",\"output\":\"").Append('é', i % 37).Append("\"}\n");
        }

        var path = _folder.Write("many.jsonl", text.ToString());

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(5000, outcomes.Kept().Count);
        Assert.Equal("item 4999", outcomes[^1].Sample.Instruction);
        Assert.Equal(new string('é', 4999 % 37), outcomes[^1].Sample.Output);
        Assert.Equal("many.jsonl:5000", outcomes[^1].Sample.Source);
    }

    [Fact]
    public async Task ReadAsync_LongLineUnderLimit_BufferGrowsAndKeepsIt()
    {
        // Arrange
        var output = new string('o', 500_000);
        var path = _folder.Write("long.jsonl", $"{{\"instruction\":\"a\",\"output\":\"{output}\"}}\n{{\"instruction\":\"b\",\"output\":\"c\"}}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(2, outcomes.Kept().Count);
        Assert.Equal(output, outcomes[0].Sample.Output);
    }

    [Fact]
    public async Task ReadAsync_SameContentTwice_SameIdDifferentSource()
    {
        // Arrange
        var path = _folder.Write("dup.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n{\"output\":\"b\",\"instruction\":\"a\"}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(outcomes[0].Sample.Id, outcomes[1].Sample.Id);
        Assert.NotEqual(outcomes[0].Sample.Source, outcomes[1].Sample.Source);
    }
}
