using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>OpenAI content-part arrays in chat messages.</summary>
public sealed class ContentPartsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_TextParts_JoinedWithNewline()
    {
        // Arrange
        var line = """{"messages": [{"role": "system", "content": [{"type": "text", "text": "Sé breve."}]}, {"role": "user", "content": [{"type": "text", "text": "Part one"}, {"text": "part two ✓", "type": "text", "cache_control": {"type": "ephemeral"}}]}, {"role": "assistant", "content": "plain string"}, {"role": "assistant", "content": []}]}""";
        var path = _folder.Write("parts.jsonl", line + "\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(
            [new ChatMessage("system", "Sé breve."), new ChatMessage("user", "Part one\npart two ✓"), new ChatMessage("assistant", "plain string"), new ChatMessage("assistant", "")],
            sample.Messages!.Value.ToArray());
        Assert.Equal(("Part one\npart two ✓", "plain string"), (sample.Instruction, sample.Output));
    }

    [Fact]
    public async Task ReadAsync_ImagePart_RefusedAsUnsupportedContent()
    {
        // Arrange
        var image = """{"messages": [{"role": "user", "content": [{"type": "text", "text": "What is this?"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}, {"role": "assistant", "content": "A cat."}]}""";
        var ok = """{"messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}, {"role": "assistant", "content": "Hello"}]}""";
        var path = _folder.Write("mixed.jsonl", $"{image}\n{ok}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["mixed.jsonl:1 unsupported_content"], outcomes.RejectSummary());
        Assert.Equal("line 1: 'messages[0].content[1]' is a 'image_url' part; only 'text' content parts are read", outcomes[0].Sample.MetaText("detail"));
        Assert.Equal(image, outcomes[0].Raw);
        Assert.Equal("Hi", outcomes[1].Sample.Instruction);
    }

    [Fact]
    public async Task ReadAsync_BadParts_WrongTypeOrMissingField()
    {
        // Arrange
        var lines = """
            {"messages": [{"role": "user", "content": ["bare string"]}]}
            {"messages": [{"role": "user", "content": [{"type": "text"}]}]}
            {"messages": [{"role": "user", "content": [{"text": "no type"}]}]}
            {"messages": [{"role": "user", "content": 42}]}
            """;
        var path = _folder.Write("bad.jsonl", lines + "\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["bad.jsonl:1 wrong_type", "bad.jsonl:2 missing_field", "bad.jsonl:3 unsupported_content", "bad.jsonl:4 wrong_type"], outcomes.RejectSummary());
        Assert.Equal("line 3: 'messages[0].content[0]' has no 'type'; only 'text' content parts are read", outcomes[2].Sample.MetaText("detail"));
    }
}
