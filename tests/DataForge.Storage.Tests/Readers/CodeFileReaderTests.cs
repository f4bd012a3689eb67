using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class CodeFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_PythonFile_OneRecordWithProgramAsOutput()
    {
        // Arrange
        var path = _folder.Write("src/add.py", "\uFEFFdef add(a, b):\r\n    return a + b\r\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { BaseDirectory = _folder.Path })).Sample;

        // Assert
        Assert.Equal(string.Empty, sample.Instruction);
        Assert.Null(sample.Input);
        Assert.Equal("def add(a, b):\n    return a + b\n", sample.Output);
        Assert.Equal("python", sample.Language);
        Assert.Equal("src/add.py:1", sample.Source);
    }

    [Theory]
    [InlineData("Program.CS", "csharp")]
    [InlineData("main.rs", "rust")]
    [InlineData("x.hpp", "cpp")]
    [InlineData("run.sh", "bash")]
    public async Task ReadAsync_KnownExtension_LanguageFromExtension(string name, string language)
    {
        // Arrange
        var path = _folder.Write(name, "code\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(path)).Sample;

        // Assert
        Assert.Equal(language, sample.Language);
    }

    [Fact]
    public async Task ReadAsync_CustomExtensionMap_Used()
    {
        // Arrange
        var options = new RecordReaderOptions { CodeExtensions = new Dictionary<string, string> { [".lua"] = "lua" } };
        _folder.Write("a.lua", "print(1)\n");
        _folder.Write("b.py", "print(1)\n");

        // Act
        var sample = Assert.Single(await ReaderTestKit.ReadAllAsync(_folder.Path, options)).Sample;

        // Assert
        Assert.Equal(("lua", "a.lua:1"), (sample.Language, sample.Source));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public async Task ReadAsync_EmptyCodeFile_EmptyFile(string text)
    {
        // Arrange
        var path = _folder.Write("__init__.py", text);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("empty_file", reject.Verdict.Reason);
    }

    [Fact]
    public async Task ReadAsync_NulByte_BinaryFile()
    {
        // Arrange
        var path = _folder.Write("compiled.py", [(byte)'a', 0, (byte)'b']);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal(("binary_file", "compiled.py:1"), (reject.Verdict.Reason, reject.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_NotUtf8_InvalidUtf8()
    {
        // Arrange
        var path = _folder.Write("latin1.py", [.. "s = 'caf"u8, 0xE9, .. "'\n"u8]);

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path));

        // Assert
        Assert.Equal("invalid_utf8", reject.Verdict.Reason);
        Assert.Equal("base64", reject.Sample.MetaText("raw_encoding"));
    }

    [Fact]
    public async Task ReadAsync_FileOverFieldLimit_FieldTooLarge()
    {
        // Arrange
        var path = _folder.Write("big.py", new string('#', 2000));

        // Act
        var reject = Assert.Single(await ReaderTestKit.ReadAllAsync(path, new RecordReaderOptions { MaxFieldBytes = 1000 }));

        // Assert
        Assert.Equal("field_too_large", reject.Verdict.Reason);
        Assert.Equal("true", reject.Sample.MetaText("raw_truncated"));
    }
}
