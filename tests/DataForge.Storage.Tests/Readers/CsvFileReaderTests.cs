using DataForge.Core.Records;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class CsvFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_Csv_EveryShapeFieldByField()
    {
        // Arrange
        var path = _folder.Write("seeds.csv", "\uFEFF" + InputShapes.Csv);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["seeds.csv:2", "seeds.csv:3", "seeds.csv:4", "seeds.csv:5"], outcomes.Select(o => o.Sample.Source));
        var (alpaca, cjk, chat, shareGpt) = (outcomes[0].Sample, outcomes[1].Sample, outcomes[2].Sample, outcomes[3].Sample);
        Assert.Equal(("Übersetze ins Englische: Grüße aus Köln 👋", "", "Greetings from Cologne 👋", ""), (alpaca.Instruction, alpaca.Input, alpaca.Output, alpaca.Language));
        Assert.Null(alpaca.Messages);
        Assert.Equal(("列出三种水果", "", "苹果、香蕉、橙子"), (cjk.Instruction, cjk.Input, cjk.Output));
        Assert.Equal(("Say \"hi\"\nthen stop", null, ""), (chat.Instruction, chat.Input, chat.Output));
        Assert.Equal(
            [new ChatMessage("system", "You are terse."), new ChatMessage("user", "Say \"hi\"\nthen stop"), new ChatMessage("assistant", ""), new ChatMessage("user", "again"), new ChatMessage("assistant", "hi")],
            chat.Messages!.Value.ToArray());
        Assert.Equal([new ChatMessage("user", "¿Qué hora es?"), new ChatMessage("assistant", "No lo sé.")], shareGpt.Messages!.Value.ToArray());
    }

    [Fact]
    public async Task ReadAsync_QuotedNewlinesAndQuotes_OneRecordPerRowAtItsFirstLine()
    {
        // Arrange
        var path = _folder.Write("q.csv", "output,instruction\n\"line one\nline \"\"two\"\"\r\nline three\",\"a, b\"\n\nplain,\"\"\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["q.csv:2", "q.csv:6"], outcomes.Select(o => o.Sample.Source));
        Assert.Equal(("a, b", "line one\nline \"two\"\r\nline three"), (outcomes[0].Sample.Instruction, outcomes[0].Sample.Output));
        Assert.Equal(("", "plain"), (outcomes[1].Sample.Instruction, outcomes[1].Sample.Output));
    }

    [Fact]
    public async Task ReadAsync_BadRows_RejectedWithLineAndReasonOthersKept()
    {
        // Arrange
        var text = "instruction,output\n" +
            "a,b\n" +
            "too,many,cells\n" +
            "\"x\"y,z\n" +
            "short\n" +
            "c,d\n" +
            "e,\"never closed\nf,g\n";
        var path = _folder.Write("bad.csv", text);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["bad.csv:3 invalid_csv", "bad.csv:4 invalid_csv", "bad.csv:5 invalid_csv", "bad.csv:7 invalid_csv"], outcomes.RejectSummary());
        Assert.Equal(["a", "c"], outcomes.Kept().Select(o => o.Sample.Instruction));
        var rejects = outcomes.Rejected();
        Assert.Equal(["too,many,cells", "\"x\"y,z", "short", "e,\"never closed\nf,g\n"], rejects.Select(r => r.Raw));
        Assert.Equal("line 3: the row has 3 cells, the header has 2", rejects[0].Sample.MetaText("detail"));
        Assert.StartsWith("line 4: 'y' after the closing quote of field 1", rejects[1].Sample.MetaText("detail"), StringComparison.Ordinal);
        Assert.Equal("line 7: a quoted field is not closed before the end of the file", rejects[3].Sample.MetaText("detail"));
    }

    [Fact]
    public async Task ReadAsync_MissingOutputCell_MissingFieldNotLost()
    {
        // Arrange
        var path = _folder.Write("alpaca.csv", "instruction,input\nhello,\n");

        // Act
        var outcome = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("missing_field", "alpaca.csv:2", "hello,"), (outcome.Verdict.Reason, outcome.Sample.Source, outcome.Raw));
    }

    [Fact]
    public async Task ReadAsync_Tsv_TabSeparatedWithQuotedTab()
    {
        // Arrange
        var path = _folder.Write("pairs.tsv", "instruction\toutput\tnote\nQ: 1+1?\t\"2\twith tab\"\t\nsag \"hallo\"\thallo\tx\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal([("Q: 1+1?", "2\twith tab"), ("sag \"hallo\"", "hallo")], outcomes.Select(o => (o.Sample.Instruction, o.Sample.Output)));
        Assert.Equal(["pairs.tsv:2", "pairs.tsv:3"], outcomes.Select(o => o.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_DuplicateHeader_OneInvalidCsvReject()
    {
        // Arrange
        var path = _folder.Write("dup.csv", "instruction,output,output\na,b,c\n");

        // Act
        var outcome = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("invalid_csv", "dup.csv:1"), (outcome.Verdict.Reason, outcome.Sample.Source));
        Assert.Contains("column 'output' is named twice", outcome.Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OnlyBlankLines_EmptyFile()
    {
        // Arrange
        var path = _folder.Write("empty.csv", "\n\n");

        // Act
        var outcome = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("empty_file", outcome.Verdict.Reason);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8Row_RejectsThatRowOnly()
    {
        // Arrange
        var bytes = "instruction,output\nok,fine\n"u8.ToArray().Concat(new byte[] { 0xC3, 0x28, (byte)',', (byte)'x', (byte)'\n' }).Concat("also,fine\n"u8.ToArray()).ToArray();
        var path = _folder.Write("latin.csv", bytes);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["latin.csv:3 invalid_utf8"], outcomes.RejectSummary());
        Assert.Equal(["ok", "also"], outcomes.Kept().Select(o => o.Sample.Instruction));
    }
}
