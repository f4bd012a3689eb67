using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>A prompt longer than the model's context is dropped as <c>context_too_long</c>, never run or truncated silently.</summary>
public sealed class ContextLengthTests
{
    [Fact]
    public async Task ScoreIfd_PromptLongerThanTheTinyContext_RejectedAsContextTooLong()
    {
        // Arrange: one record far past the embedded model's 1,024 positions, one short one.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i % 97}"));
        await File.WriteAllLinesAsync(temp.Combine("in", "a.jsonl"),
        [
            $"{{\"instruction\": \"Summarise: {words}\", \"output\": \"A list of words.\"}}",
            "{\"instruction\": \"Add two and two.\", \"output\": \"Four.\"}",
        ]);
        var tiny = Path.Combine(CliRunner.RepoRoot, "models", "tiny").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(temp.Combine("p.toml"), $$"""
            [models.tiny]
            backend = "tiny"
            path = "{{tiny}}"

            [[steps]]
            name = "seeds"
            type = "read"
            path = "in"

            [[steps]]
            name = "score"
            type = "score-ifd"
            model = "tiny"
            metric = "ic_ifd"

            [[steps]]
            name = "out"
            type = "write"
            """);

        // Act
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", temp.Combine("p.toml"), "--out", temp.Combine("run"), "--store", temp.Combine("store.sqlite"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var rejects = RunFolderAssert.Rows($"SELECT reason, step FROM read_parquet('{temp.Combine("run", "rejects", "*.parquet")}')");
        var reject = Assert.Single(rejects);
        Assert.Equal("context_too_long", reject[0]);
        Assert.Equal("score", reject[1]);
        Assert.Equal(1L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}') WHERE ic_ifd IS NOT NULL"));
    }
}
