using System.Text;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>
/// A conversation stays whole in messages; instruction and output are its first exchange: the first
/// user turn and the assistant turn right after it, never the answer to another question.
/// </summary>
public sealed class ConversationPairTests : IDisposable
{
    /// <summary>Multi-turn chat and ShareGPT lines: system turns, unanswered questions, assistant openers, empty answers, non-ASCII.</summary>
    internal const string Conversations =
        "{\"messages\": [{\"role\": \"system\", \"content\": \"Réponds en français.\"}, {\"role\": \"user\", \"content\": \"Capitale du Japon ?\"}, {\"role\": \"assistant\", \"content\": \"Tokyo.\"}, {\"role\": \"user\", \"content\": \"Et de la France ?\"}, {\"role\": \"assistant\", \"content\": \"Paris.\"}], \"id\": \"m-1\"}\n" +
        "{\"conversations\": [{\"from\": \"human\", \"value\": \"写一首俳句\"}, {\"from\": \"gpt\", \"value\": \"古池や\"}, {\"from\": \"human\", \"value\": \"再写一首\"}, {\"from\": \"gpt\", \"value\": \"閑さや\"}]}\n" +
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello?\"}, {\"role\": \"user\", \"content\": \"Anyone there?\"}, {\"role\": \"assistant\", \"content\": \"Yes, hi!\"}]}\n" +
        "{\"messages\": [{\"role\": \"assistant\", \"content\": \"How can I help?\"}, {\"role\": \"user\", \"content\": \"Sum 2 and 3.\"}, {\"role\": \"assistant\", \"content\": \"\"}, {\"role\": \"user\", \"content\": \"Well?\"}, {\"role\": \"assistant\", \"content\": \"5\"}]}\n" +
        "{\"conversations\": [{\"from\": \"system\", \"value\": \"Use tools.\"}, {\"from\": \"human\", \"value\": \"Weather in Oslo?\"}, {\"from\": \"function_call\", \"value\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}, {\"from\": \"observation\", \"value\": \"-3C\"}, {\"from\": \"gpt\", \"value\": \"It is -3C.\"}]}\n" +
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Last word?\"}], \"output\": \"stale answer\", \"instruction\": \"stale question\"}\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_MultiTurnConversations_OutputIsTheTurnRightAfterTheFirstQuestion()
    {
        // Arrange
        var path = _folder.Write("chats.jsonl", Conversations);

        // Act
        var samples = (await ReaderTestKit.ReadAllAsync(path)).Kept().Select(o => o.Sample).ToList();

        // Assert
        Assert.Equal(
            [
                ("Capitale du Japon ?", "Tokyo.", 5),
                ("写一首俳句", "古池や", 4),
                ("Hello?", null, 3),
                ("Sum 2 and 3.", "", 5),
                ("Weather in Oslo?", null, 5),
                ("Last word?", null, 1),
            ],
            samples.Select(s => (s.Instruction!, s.Output, s.Messages!.Value.Length)));
        Assert.All(samples, s => Assert.Null(s.Input));
        Assert.Equal(["system", "user", "function_call", "observation", "assistant"], samples[4].Messages!.Value.Select(m => m.Role));
        AssertFirstExchange(samples);
    }

    [Fact]
    public async Task ReadAsync_MultiTurnCsvCells_SamePairsAsJsonLines()
    {
        // Arrange
        var csv = new StringBuilder("messages,conversations,note\r\n");
        foreach (var line in Conversations.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4))
        {
            var record = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var cell = (string name) => record.TryGetProperty(name, out var value) ? "\"" + value.GetRawText().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : string.Empty;
            csv.Append(cell("messages")).Append(',').Append(cell("conversations")).Append(",n\r\n");
        }

        var path = _folder.Write("chats.csv", csv.ToString());
        var jsonl = _folder.Write("chats.jsonl", string.Join('\n', Conversations.Split('\n').Take(4)) + "\n");

        // Act
        var fromCsv = (await ReaderTestKit.ReadAllAsync(path)).Kept().Select(o => o.Sample).ToList();
        var fromJsonl = (await ReaderTestKit.ReadAllAsync(jsonl)).Kept().Select(o => o.Sample).ToList();

        // Assert
        Assert.Equal(fromJsonl.Select(s => (s.Id, s.Instruction, s.Output)), fromCsv.Select(s => (s.Id, s.Instruction, s.Output)));
        AssertFirstExchange(fromCsv);
    }

    /// <summary>For every record with an output: that output is the assistant turn right after the user turn equal to its instruction.</summary>
    internal static void AssertFirstExchange(IEnumerable<Sample> samples)
    {
        foreach (var sample in samples)
        {
            var turns = sample.Messages!.Value;
            var question = turns.IndexOf(turns.First(t => t.Role == "user"));
            Assert.Equal(turns[question].Content, sample.Instruction);
            var answer = question + 1 < turns.Length && turns[question + 1].Role == "assistant" ? turns[question + 1].Content : null;
            Assert.Equal(answer, sample.Output);
        }
    }
}
