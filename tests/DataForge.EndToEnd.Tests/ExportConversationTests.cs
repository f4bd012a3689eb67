using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge export</c> of records that hold conversations (chat <c>messages</c>, ShareGPT <c>conversations</c>).</summary>
public sealed class ExportConversationTests
{
    private const string Seeds =
        """
        {"messages": [{"role": "user", "content": "Name a prime."}, {"role": "assistant", "content": "7"}]}
        {"messages": [{"role": "user", "content": "Hi."}, {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Add 2 and 3."}, {"role": "assistant", "content": "5"}]}
        {"conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Capital of France?"}, {"from": "gpt", "value": "Paris."}]}

        """;

    private const string Pipeline =
        """
        [run]
        name = "chats"

        [[steps]]
        name = "chats"
        type = "read"
        path = "chats.jsonl"

        [[steps]]
        name = "out"
        type = "write"

        """;

    [Fact]
    public async Task Export_ConversationRecords_AlpacaSkipsAllButSingleTurnsAndChatFormatsKeepTheTurns()
    {
        // Arrange: a run of three conversations: one turn, two turns, and a system message before one turn.
        using var temp = new TempFolder();
        temp.Write("chats.jsonl", Seeds);
        var pipeline = temp.Write("chats.toml", Pipeline);
        var runDirectory = temp.Combine("run");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", pipeline, "--out", runDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        var kept = ExportKit.KeptRows(runDirectory);
        Assert.Equal(3, kept.Count);

        // Act
        var alpacaRun = await ExportKit.ExportAsync(runDirectory, temp.Combine("alpaca.jsonl"), "--format", "alpaca");
        await ExportKit.ExportAsync(runDirectory, temp.Combine("messages.jsonl"), "--format", "messages");
        await ExportKit.ExportAsync(runDirectory, temp.Combine("sharegpt.jsonl"), "--format", "sharegpt");
        await ExportKit.ExportAsync(runDirectory, temp.Combine("text.jsonl"), "--format", "text");
        var alpaca = await ExportKit.ReadBackAsync(temp.Combine("alpaca.jsonl"));
        var messages = await ExportKit.ReadBackAsync(temp.Combine("messages.jsonl"));
        var shareGpt = await ExportKit.ReadBackAsync(temp.Combine("sharegpt.jsonl"));
        var texts = ExportKit.Texts(temp.Combine("text.jsonl"));

        // Assert: alpaca holds only the single turn, and says how many it skipped.
        var single = Assert.Single(alpaca);
        Assert.Equal(("Name a prime.", "", "7"), (single.Instruction, single.Input ?? "", single.Output));
        Assert.Contains("skipped 2 records", alpacaRun.Stderr, StringComparison.Ordinal);

        // Assert: the chat formats keep every turn of every record, in order.
        Assert.Equal(3, messages.Count);
        Assert.Equal(3, shareGpt.Count);
        Assert.Equal(3, texts.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            Assert.Equal(kept[i].Messages!, messages[i].Messages!.Value.ToArray());
            Assert.Equal(kept[i].Messages!, shareGpt[i].Messages!.Value.ToArray());
            Assert.Equal(string.Concat(kept[i].Messages!.Select(m => $"<|im_start|>{m.Role}\n{m.Content}<|im_end|>\n")), texts[i]);
        }

        Assert.Equal(
            ["system", "human", "gpt"],
            JsonDocument.Parse(File.ReadAllLines(temp.Combine("sharegpt.jsonl"))[2]).RootElement.GetProperty("conversations").EnumerateArray().Select(t => t.GetProperty("from").GetString()!));
        Assert.Equal(new ChatMessage("system", "Be brief."), kept[2].Messages![0]);
    }
}
