using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// <c>dataforge export</c> on real runs: one line per kept record in every format, in shard and row
/// order, and what it writes reads back through DataForge's own reader as the same records.
/// </summary>
public sealed class ExportTests
{
    [Fact]
    public async Task Export_SampleSeedsRun_EveryFormatWritesEachKeptRecordAndRoundTrips()
    {
        // Arrange: a small real run of Alpaca seeds (many with an input).
        using var temp = new TempFolder();
        var runDirectory = temp.Combine("run");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "20", "--out", runDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        var kept = ExportKit.KeptRows(runDirectory);
        Assert.NotEmpty(kept);
        Assert.Contains(kept, r => !string.IsNullOrEmpty(r.Input));

        // Act
        foreach (var format in new[] { "alpaca", "sharegpt", "messages", "text" })
        {
            await ExportKit.ExportAsync(runDirectory, temp.Combine($"{format}.jsonl"), "--format", format);
        }

        var alpaca = await ExportKit.ReadBackAsync(temp.Combine("alpaca.jsonl"));
        var shareGpt = await ExportKit.ReadBackAsync(temp.Combine("sharegpt.jsonl"));
        var messages = await ExportKit.ReadBackAsync(temp.Combine("messages.jsonl"));
        var texts = ExportKit.Texts(temp.Combine("text.jsonl"));

        // Assert: one line per kept record, in order, each read back as the record it came from.
        Assert.Equal(kept.Count, alpaca.Count);
        Assert.Equal(kept.Count, shareGpt.Count);
        Assert.Equal(kept.Count, messages.Count);
        Assert.Equal(kept.Count, texts.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var row = kept[i];
            Assert.Equal((row.Instruction, row.Input ?? "", row.Output), (alpaca[i].Instruction, alpaca[i].Input ?? "", alpaca[i].Output));
            ChatMessage[] turns = [new("user", ExportKit.Prompt(row)), new("assistant", row.Output!)];
            foreach (var conversation in new[] { shareGpt[i], messages[i] })
            {
                Assert.Equal(turns, conversation.Messages!.Value.ToArray());
                Assert.Equal((ExportKit.Prompt(row), row.Output), (conversation.Instruction, conversation.Output));
            }

            Assert.Equal($"<|im_start|>user\n{ExportKit.Prompt(row)}<|im_end|>\n<|im_start|>assistant\n{row.Output}<|im_end|>\n", texts[i]);
        }

        Assert.All(File.ReadAllLines(temp.Combine("sharegpt.jsonl")), line => Assert.Equal(
            ["human", "gpt"],
            JsonDocument.Parse(line).RootElement.GetProperty("conversations").EnumerateArray().Select(t => t.GetProperty("from").GetString()!)));
    }

    [Fact]
    public async Task Export_WithoutOut_WritesTheSameLinesToStdoutOnEveryRun()
    {
        // Arrange: a run in the default place, named through its output folder (then 'latest').
        using var temp = new TempFolder();
        var output = temp.Combine("output", "sample-seeds");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "20", "--out", Path.Combine(output, "r1"));
        Assert.True(run.ExitCode == 0, run.ToString());
        File.CreateSymbolicLink(Path.Combine(output, "latest"), "r1");
        await ExportKit.ExportAsync(output, temp.Combine("messages.jsonl"), "--format", "messages");

        // Act
        var first = await CliRunner.RunAsync(CliRunner.RepoRoot, "export", output, "--format", "messages");
        var second = await CliRunner.RunAsync(CliRunner.RepoRoot, "export", Path.Combine(output, "r1"), "--format", "messages");
        var notARun = await CliRunner.RunAsync(CliRunner.RepoRoot, "export", temp.Path, "--format", "messages");

        // Assert: stdout is the file, byte for byte, every time; the file has no temporary left beside it.
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(File.ReadAllText(temp.Combine("messages.jsonl")), first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(ExportKit.KeptRows(Path.Combine(output, "r1")).Count, first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(["messages.jsonl", "output"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(1, notARun.ExitCode);
        Assert.Contains("not a finished run folder", notARun.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportText_DefaultPipelineRun_RendersTemplatesAndEditSequencesAsDiffText()
    {
        // Arrange: the default pipeline, small: selected instructions (7 seeds pass the quality rules, so 15% is one) and LintSeq edit sequences.
        using var temp = new TempFolder();
        var runDirectory = temp.Combine("run");
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipeline.toml", "--limit", "7", "--out", runDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        var kept = ExportKit.KeptRows(runDirectory);
        Assert.Contains(kept, r => r.Kind == SampleKinds.EditSequence && r.Edits is { Count: > 0 });
        Assert.Contains(kept, r => r.Kind != SampleKinds.EditSequence);

        // Act
        await ExportKit.ExportAsync(runDirectory, temp.Combine("chatml.jsonl"), "--format", "text");
        await ExportKit.ExportAsync(runDirectory, temp.Combine("llama3.jsonl"), "--format", "text", "--template", "llama3");
        await ExportKit.ExportAsync(runDirectory, temp.Combine("messages.jsonl"), "--format", "messages");
        var chatMl = ExportKit.Texts(temp.Combine("chatml.jsonl"));
        var llama3 = ExportKit.Texts(temp.Combine("llama3.jsonl"));
        var messages = await ExportKit.ReadBackAsync(temp.Combine("messages.jsonl"));

        // Assert: each record once, through the template; an edit sequence's assistant turn is its <|diff|> text.
        Assert.Equal(kept.Count, chatMl.Count);
        Assert.Equal(kept.Count, llama3.Count);
        Assert.Equal(kept.Count, messages.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var row = kept[i];
            var answer = row.Edits is { } edits && row.Kind == SampleKinds.EditSequence
                ? string.Concat(edits.Select(e => "<|diff|>" + e + "\n")) + "<|diff|>\n<|diff|>"
                : row.Output;
            Assert.Equal($"<|im_start|>user\n{ExportKit.Prompt(row)}<|im_end|>\n<|im_start|>assistant\n{answer}<|im_end|>\n", chatMl[i]);
            Assert.StartsWith($"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n{ExportKit.Prompt(row).Trim()}<|eot_id|>", llama3[i], StringComparison.Ordinal);
            Assert.EndsWith($"<|start_header_id|>assistant<|end_header_id|>\n\n{answer!.Trim()}<|eot_id|>", llama3[i], StringComparison.Ordinal);
            Assert.Equal((ExportKit.Prompt(row), row.Output), (messages[i].Instruction, messages[i].Output));
        }

        Assert.Contains(chatMl, t => t.Contains("<|diff|>", StringComparison.Ordinal));
    }
}
