using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class JsonArrayFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_Array_EachElementWithItsStartLine()
    {
        // Arrange
        var path = _folder.Write("seeds.json", "\uFEFF[\r\n  {\"instruction\": \"a\", \"output\": \"b\"},\r\n\r\n  {\r\n    \"instruction\": \"c\",\r\n    \"output\": \"d\"\r\n  }, {\"instruction\": \"e\", \"output\": \"f\"}\r\n]\r\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["seeds.json:2", "seeds.json:4", "seeds.json:7"], outcomes.Select(o => o.Sample.Source));
        Assert.Equal(["a", "c", "e"], outcomes.Select(o => o.Sample.Instruction));
    }

    [Fact]
    public async Task ReadAsync_SingleObject_OneRecord()
    {
        // Arrange
        var path = _folder.Write("one.json", "\n{\n  \"instruction\": \"a\",\n  \"output\": \"b\"\n}\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(("a", "b", "one.json:2"), (sample.Instruction, sample.Output, sample.Source));
    }

    [Fact]
    public async Task ReadAsync_BadElements_RejectedOneByOne()
    {
        // Arrange
        var path = _folder.Write("mixed.json", "[\n{\"instruction\": \"a\", \"output\": \"b\"},\n42,\n{\"output\": \"b\"},\n{\"instruction\": [], \"output\": \"b\"},\n{\"instruction\": \"c\", \"output\": \"d\"}\n]");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["mixed.json:3 not_an_object", "mixed.json:4 missing_field", "mixed.json:5 wrong_type"], outcomes.RejectSummary());
        Assert.Equal(2, outcomes.Kept().Count);
        Assert.Equal("{\"output\": \"b\"}", outcomes[2].Raw);
    }

    [Fact]
    public async Task ReadAsync_BrokenArray_GoodElementsThenOneInvalidJson()
    {
        // Arrange
        var path = _folder.Write("broken.json", "[\n{\"instruction\": \"a\", \"output\": \"b\"},\n{\"instruction\": \"c\" \"output\": \"d\"},\n{\"instruction\": \"e\", \"output\": \"f\"}\n]\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["broken.json:3 invalid_json"], outcomes.RejectSummary());
        Assert.Single(outcomes.Kept());
        Assert.StartsWith("{\"instruction\": \"c\" \"output\"", outcomes[1].Raw, StringComparison.Ordinal);
        Assert.Contains("line 3: the JSON array is broken", outcomes[1].Sample.MetaText("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ArrayCutOff_InvalidJsonAfterGoodElements()
    {
        // Arrange
        var path = _folder.Write("cut.json", "[{\"instruction\": \"a\", \"output\": \"b\"}, {\"instruction\": \"c\"");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["cut.json:1 invalid_json"], outcomes.RejectSummary());
        Assert.Single(outcomes.Kept());
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8Element_InvalidUtf8()
    {
        // Arrange
        var path = _folder.Write("latin1.json", [.. "[{\"instruction\": \"caf"u8, 0xE9, .. "\", \"output\": \"b\"},\n{\"instruction\": \"a\", \"output\": \"b\"}]"u8]);

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Equal(["latin1.json:1 invalid_utf8"], outcomes.RejectSummary());
        Assert.Equal("base64", outcomes[0].Sample.MetaText("raw_encoding"));
        Assert.Equal("latin1.json:2", outcomes[1].Sample.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    public async Task ReadAsync_NoContent_EmptyFile(string text)
    {
        // Arrange
        var path = _folder.Write("empty.json", text);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("empty_file", "empty.json:1"), (reject.Verdict.Reason, reject.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_EmptyArray_NothingOut()
    {
        // Arrange
        var path = _folder.Write("none.json", "[]\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path);

        // Assert
        Assert.Empty(outcomes);
    }

    [Fact]
    public async Task ReadAsync_RootIsAString_NotAnObject()
    {
        // Arrange
        var path = _folder.Write("text.json", "\"hello\"\n");

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("not_an_object", reject.Verdict.Reason);
    }

    [Fact]
    public async Task ReadAsync_FileOverLimit_FileTooLarge()
    {
        // Arrange
        var options = new RecordReaderOptions { MaxJsonFileBytes = 100 };
        var path = _folder.Write("big.json", "[" + string.Join(",", Enumerable.Repeat("{\"instruction\": \"a\", \"output\": \"b\"}", 10)) + "]");

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path, options));

        // Assert
        Assert.Equal(("file_too_large", "big.json:1"), (reject.Verdict.Reason, reject.Sample.Source));
        Assert.Equal("true", reject.Sample.MetaText("raw_truncated"));
    }

    [Fact]
    public async Task ReadAsync_NulBytes_BinaryFile()
    {
        // Arrange
        var path = _folder.Write("blob.json", [(byte)'[', 0, 0, 1, (byte)']']);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("binary_file", reject.Verdict.Reason);
        Assert.Equal(Convert.ToBase64String([(byte)'[', 0, 0, 1, (byte)']']), reject.Raw);
        Assert.False(reject.Sample.Meta.ContainsKey("raw_truncated"));
    }
}
