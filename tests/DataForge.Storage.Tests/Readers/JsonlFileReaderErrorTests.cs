using System.Text;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Lines and files the JSON-lines reader rejects: bad JSON or UTF-8, fields and lines over the limit, cut-off, empty and binary files.</summary>
public sealed class JsonlFileReaderErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("{\"instruction\": \"x\", \"output\": }", "invalid_json")]
    [InlineData("{\"instruction\":\"x\",\"output\":\"y\"} trailing", "invalid_json")]
    [InlineData("{\"instruction\":\"x\",\"output\":\"y\"}{\"a\":1}", "invalid_json")]
    [InlineData("{\"output\":\"y\"}", "missing_field")]
    [InlineData("{\"instruction\":\"x\"}", "missing_field")]
    [InlineData("{\"instruction\":null,\"output\":\"y\"}", "missing_field")]
    [InlineData("{\"messages\":[]}", "missing_field")]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"}]}", "missing_field")]
    [InlineData("{\"messages\":[{\"role\":\"user\"}]}", "missing_field")]
    [InlineData("{\"instruction\":42,\"output\":\"y\"}", "wrong_type")]
    [InlineData("{\"instruction\":\"x\",\"input\":[1],\"output\":\"y\"}", "wrong_type")]
    [InlineData("{\"instruction\":\"x\",\"output\":\"y\",\"language\":true}", "wrong_type")]
    [InlineData("{\"messages\":\"hello\"}", "wrong_type")]
    [InlineData("{\"messages\":[\"hello\"]}", "wrong_type")]
    [InlineData("{\"conversations\":[{\"from\":\"human\",\"value\":{\"text\":\"q\"}}]}", "wrong_type")]
    [InlineData("[1,2,3]", "not_an_object")]
    [InlineData("\"just a string\"", "not_an_object")]
    [InlineData("42", "not_an_object")]
    [InlineData("{\"instruction\":42, \"output\": broken}", "invalid_json")]
    [InlineData("{\"instruction\":\"\\ud800\",\"output\":\"y\"}", "invalid_json")]
    [InlineData("{\"instruction\":\"x\",\"output\":\"y\"} // comment", "invalid_json")]
    [InlineData("{\"instruction\":\"x\",\"output\":\"y\",}", "invalid_json")]
    public async Task ReadAsync_BadLine_RejectedWithReasonAndNeighboursKept(string bad, string reason)
    {
        // Arrange
        var path = _folder.Write("bad.jsonl", $"{{\"instruction\":\"a\",\"output\":\"b\"}}\n{bad}\n{{\"instruction\":\"c\",\"output\":\"d\"}}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["bad.jsonl:2 " + reason], outcomes.RejectSummary());
        Assert.Equal(["bad.jsonl:1", "bad.jsonl:3"], outcomes.Kept().Select(o => o.Sample.Source));
        var reject = outcomes[1];
        Assert.Equal(bad, reject.Raw);
        Assert.True(reject.Verdict.IsError);
        Assert.Equal(SampleKinds.Raw, reject.Sample.Kind);
        Assert.Equal(SampleId.ForBytes(Encoding.UTF8.GetBytes(bad)), reject.Sample.Id);
        Assert.StartsWith("line 2: ", reject.Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidJson_DetailNamesTheProblem()
    {
        // Arrange
        var path = _folder.Write("bad.jsonl", "\n\nx\n");

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("line 3: expected a JSON object: 'x' is an invalid start of a value (at byte 0)", reject.Sample.MetaText("detail"));
        Assert.Equal("bad.jsonl:3", reject.Sample.Source);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_RawIsBase64()
    {
        // Arrange
        byte[] bad = [.. "{\"instruction\":\"caf"u8, 0xE9, .. "\",\"output\":\"x\"}"u8];
        var path = _folder.Write("latin1.jsonl", [.. "{\"instruction\":\"a\",\"output\":\"b\"}\n"u8, .. bad, (byte)'\n']);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        var reject = outcomes.Single("invalid_utf8");
        Assert.Equal(Convert.ToBase64String(bad), reject.Raw);
        Assert.Equal("base64", reject.Sample.MetaText("raw_encoding"));
        Assert.Equal(SampleId.ForBytes(bad), reject.Sample.Id);
        Assert.Contains("offset 19", reject.Sample.MetaText("detail"), StringComparison.Ordinal);
        Assert.Single(outcomes.Kept());
    }

    [Fact]
    public async Task ReadAsync_FieldOverLimit_FieldTooLarge()
    {
        // Arrange
        var options = new RecordReaderOptions { MaxFieldBytes = 10 };
        var path = _folder.Write("f.jsonl", "{\"instruction\":\"0123456789\",\"output\":\"ok\"}\n{\"instruction\":\"01234567890\",\"output\":\"ok\"}\n{\"instruction\":\"é\\u00e9é\\u00e9é\\u00e9\",\"output\":\"ok\"}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, options);

        // Assert
        Assert.Equal(["f.jsonl:2 field_too_large", "f.jsonl:3 field_too_large"], outcomes.RejectSummary());
        Assert.Contains("'instruction' is 11 bytes", outcomes[1].Sample.MetaText("detail"), StringComparison.Ordinal);
        Assert.Contains("'instruction' is 12 bytes", outcomes[2].Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EscapedFieldWithinLimit_Kept()
    {
        // Arrange: 8 escaped characters are 48 raw bytes but 8 UTF-8 bytes.
        var options = new RecordReaderOptions { MaxFieldBytes = 10 };
        var path = _folder.Write("f.jsonl", "{\"instruction\":\"\\u0041\\u0041\\u0041\\u0041\\u0041\\u0041\\u0041\\u0041\",\"output\":\"ok\"}\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path, options)).Sample;

        // Assert
        Assert.Equal("AAAAAAAA", sample.Instruction);
    }

    [Fact]
    public async Task ReadAsync_LineOverLimit_LineTooLargeAndNextLineRead()
    {
        // Arrange
        var options = new RecordReaderOptions { MaxLineBytes = 100_000 };
        var hugeLine = "{\"instruction\":\"" + new string('x', 300_000) + "\",\"output\":\"y\"}";
        var path = _folder.Write("huge.jsonl", $"{{\"instruction\":\"a\",\"output\":\"b\"}}\r\n{hugeLine}\r\n{{\"instruction\":\"c\",\"output\":\"d\"}}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, options);

        // Assert
        Assert.Equal(["huge.jsonl:2 line_too_large"], outcomes.RejectSummary());
        Assert.Equal(["huge.jsonl:1", "huge.jsonl:3"], outcomes.Kept().Select(o => o.Sample.Source));
        var reject = outcomes[1];
        Assert.Equal(RawText.MaxBytes, reject.Raw!.Length);
        Assert.Equal(hugeLine[..RawText.MaxBytes], reject.Raw);
        Assert.Equal("true", reject.Sample.MetaText("raw_truncated"));
        Assert.Equal(SampleId.ForBytes(Encoding.UTF8.GetBytes(hugeLine)), reject.Sample.Id);
        Assert.Contains($"{hugeLine.Length} bytes", reject.Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OverLimitLastLineWithoutNewline_LineTooLarge()
    {
        // Arrange
        var options = new RecordReaderOptions { MaxLineBytes = 50 };
        var path = _folder.Write("huge.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n" + new string('z', 500));

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, options);

        // Assert
        Assert.Equal(["huge.jsonl:2 line_too_large"], outcomes.RejectSummary());
        Assert.Equal(SampleId.ForBytes(Encoding.UTF8.GetBytes(new string('z', 500))), outcomes[1].Sample.Id);
    }

    [Fact]
    public async Task ReadAsync_LastLineCutOff_TruncatedLine()
    {
        // Arrange
        var path = _folder.Write("cut.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n{\"instruction\":\"a\",\"out");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["cut.jsonl:2 truncated_line"], outcomes.RejectSummary());
        Assert.Equal("{\"instruction\":\"a\",\"out", outcomes[1].Raw);
    }

    [Fact]
    public async Task ReadAsync_LastLineCompleteWithoutNewline_Kept()
    {
        // Arrange
        var path = _folder.Write("nonl.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n{\"instruction\":\"c\",\"output\":\"d\"}");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(2, outcomes.Kept().Count);
    }

    [Fact]
    public async Task ReadAsync_BadLastLineWithNewline_InvalidJson()
    {
        // Arrange
        var path = _folder.Write("bad.jsonl", "{\"instruction\":\"a\",\"out\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["bad.jsonl:1 invalid_json"], outcomes.RejectSummary());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n\t\r\n")]
    [InlineData("\uFEFF\n")]
    public async Task ReadAsync_NoContent_OneEmptyFileReject(string text)
    {
        // Arrange
        var path = _folder.Write("empty.jsonl", text);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("empty_file", reject.Verdict.Reason);
        Assert.Equal("empty.jsonl:1", reject.Sample.Source);
        Assert.Equal(string.Empty, reject.Raw);
    }

    [Fact]
    public async Task ReadAsync_NulByteInHead_OneBinaryFileReject()
    {
        // Arrange
        var bytes = new byte[100_000];
        Random.Shared.NextBytes(bytes);
        bytes[5000] = 0;
        var path = _folder.Write("blob.jsonl", bytes);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("binary_file", reject.Verdict.Reason);
        Assert.Equal("blob.jsonl:1", reject.Sample.Source);
        Assert.Equal(Convert.ToBase64String(bytes, 0, RawText.MaxBytes), reject.Raw);
        Assert.Equal("base64", reject.Sample.MetaText("raw_encoding"));
        Assert.Equal("true", reject.Sample.MetaText("raw_truncated"));
    }
}
