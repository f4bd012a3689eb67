using DataForge.Storage.Readers;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class RecordReaderOptionsTests
{
    [Fact]
    public void Default_Values_AsDocumented()
    {
        // Arrange
        var options = RecordReaderOptions.Default;

        // Act
        var values = (options.MaxFieldBytes, options.MaxLineBytes, options.MaxJsonFileBytes, options.Limit, options.Origin, options.BaseDirectory);

        // Assert
        Assert.Equal((1_048_576, 16_777_216, 268_435_456L, (long?)null, (string?)null, (string?)null), values);
        Assert.Equal(18, options.CodeExtensions.Count);
        Assert.Equal("csharp", options.CodeExtensions[".cs"]);
        Assert.Equal("cpp", options.CodeExtensions[".CC"]);
    }

    [Fact]
    public void Init_InvalidValues_Throw()
    {
        // Arrange, Act, Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordReaderOptions { MaxFieldBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordReaderOptions { MaxLineBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordReaderOptions { MaxLineBytes = int.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordReaderOptions { MaxJsonFileBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordReaderOptions { Limit = -1 });
        Assert.Throws<ArgumentNullException>(() => new RecordReaderOptions { CodeExtensions = null! });
        Assert.Throws<ArgumentException>(() => new RecordReaderOptions { CodeExtensions = new Dictionary<string, string> { ["py"] = "python" } });
    }
}
