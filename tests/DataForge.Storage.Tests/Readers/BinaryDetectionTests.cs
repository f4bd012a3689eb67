using System.Text;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>
/// Binary detection never throws away a file that reads as text lines: a NUL byte in one line
/// rejects that line; a file whose first 8 KiB are mostly not text lines is one <c>binary_file</c>.
/// </summary>
public sealed class BinaryDetectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_JsonlWithNulInLine2Of5_RejectsLine2AndKeepsTheOthers()
    {
        // Arrange
        var path = _folder.Write("nul.jsonl", Lines("one", "t\0wo", "three", "four", "five"));

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["nul.jsonl:1", "nul.jsonl:3", "nul.jsonl:4", "nul.jsonl:5"], outcomes.Kept().Select(o => o.Sample.Source));
        var reject = Assert.Single(outcomes.Rejected());
        Assert.Equal(("invalid_json", "nul.jsonl:2"), (reject.Verdict.Reason, reject.Sample.Source));
        Assert.StartsWith("line 2: a NUL byte at offset 18", reject.Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NulInLine1AndLinePastTheProbe_SameRejectEitherWay()
    {
        // Arrange: the same bad line first, and again after 9 KiB of good lines.
        var filler = Enumerable.Range(0, 150).Select(i => $"filler {i} {new string('x', 40)}").ToArray();
        var path = _folder.Write("both.jsonl", Lines(["b\0ad", "good", .. filler, "b\0ad"]));

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(151, outcomes.Kept().Count);
        Assert.Equal(["both.jsonl:1 invalid_json", "both.jsonl:153 invalid_json"], outcomes.Rejected().Select(o => $"{o.Sample.Source} {o.Verdict.Reason}"));
    }

    [Fact]
    public async Task ReadAsync_PngNamedJsonl_OneBinaryFileReject()
    {
        // Arrange: a PNG signature and chunk header, then bytes that look compressed.
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        header.CopyTo(bytes, 0);
        var path = _folder.Write("image.jsonl", bytes);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("binary_file", "image.jsonl:1"), (reject.Verdict.Reason, reject.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_Utf16Jsonl_OneBinaryFileReject()
    {
        // Arrange: every line of UTF-16 text holds NUL bytes.
        var path = _folder.Write("wide.jsonl", Encoding.Unicode.GetBytes(Lines("one", "two", "three")));

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("binary_file", reject.Verdict.Reason);
    }

    [Fact]
    public async Task ReadAsync_JsonArrayWithNulInSecondElement_KeepsTheFirstElement()
    {
        // Arrange
        var text = "[\n  {\"instruction\": \"one\", \"output\": \"ok\"},\n  {\"instruction\": \"t\0wo\", \"output\": \"ok\"},\n  {\"instruction\": \"three\", \"output\": \"ok\"}\n]\n";
        var path = _folder.Write("array.json", text);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Contains("array.json:2", outcomes.Kept().Select(o => o.Sample.Source));
        Assert.DoesNotContain(outcomes, o => o.Verdict.Reason == "binary_file");
        Assert.Equal("array.json:3", Assert.Single(outcomes.Rejected()).Sample.Source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LooksBinary_RandomBytesWithNul_True(int seed)
    {
        // Arrange
        var bytes = new byte[TextBytes.BinaryProbeBytes];
        new Random(seed).NextBytes(bytes);
        bytes[100] = 0;

        // Act / Assert
        Assert.True(TextBytes.LooksBinary(bytes, isWholeFile: false));
    }

    [Theory]
    [InlineData("\0\n\0\na\n", true)]
    [InlineData("\0", true)]
    [InlineData("a\nb\n\0\n", false)]
    [InlineData("{}\n{\"x\": \"\0\"}", false)]
    [InlineData("no nul at all \u00e9\n", false)]
    public void LooksBinary_NulAndFewerThanHalfTextLines_Binary(string text, bool binary)
        => Assert.Equal(binary, TextBytes.LooksBinary(Encoding.UTF8.GetBytes(text), isWholeFile: true));

    private static string Lines(params string[] instructions)
        => string.Concat(instructions.Select(i => $$"""{"instruction": "{{i}}", "input": "", "output": "ok"}""" + "\n"));
}
