using DataForge.Models.OpenAi;
using Xunit;

namespace DataForge.Serving.Tests;

public sealed class OpenAiModelOptionsTests
{
    [Fact]
    public void Defaults_AreThoseDocumented()
    {
        // Arrange + Act
        var options = new OpenAiModelOptions { BaseUrls = [new Uri("http://127.0.0.1:8000/v1")], Model = "m" };

        // Assert
        Assert.Equal((5, 4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)), (options.MaxRetries, options.MaxConcurrencyPerEndpoint, options.BackoffBase, options.BackoffMax));
    }

    [Fact]
    public void InvalidValues_Throw()
    {
        // Arrange
        Uri[] good = [new("http://127.0.0.1:8000/v1")];
        Func<OpenAiModelOptions>[] makes =
        [
            () => new() { BaseUrls = [], Model = "m" },
            () => new() { BaseUrls = [new Uri("ftp://host/v1")], Model = "m" },
            () => new() { BaseUrls = good, Model = " " },
            () => new() { BaseUrls = good, Model = "m", MaxRetries = -1 },
            () => new() { BaseUrls = good, Model = "m", MaxConcurrencyPerEndpoint = 0 },
            () => new() { BaseUrls = good, Model = "m", RequestTimeout = TimeSpan.Zero },
        ];

        // Act
        var errors = makes.Select(make => Record.Exception(make)).ToList();

        // Assert
        Assert.All(errors, e => Assert.IsAssignableFrom<ArgumentException>(e));
    }

    [Fact]
    public void ToString_DoesNotShowTheKey()
    {
        // Arrange
        var options = new OpenAiModelOptions { BaseUrls = [new Uri("http://127.0.0.1:8000/v1")], Model = "m", ApiKey = "sk-secret" };

        // Act
        var text = options.ToString();

        // Assert
        Assert.DoesNotContain("sk-secret", text);
    }
}
