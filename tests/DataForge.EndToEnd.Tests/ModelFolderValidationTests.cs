using System.Text.Json.Nodes;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// Broken checkpoint folders stop <c>validate</c> and <c>run</c> before anything runs: exit 2, a
/// located DF1020 error naming the file, no stack trace.
/// </summary>
public sealed class ModelFolderValidationTests
{
    private const string Pipeline = """
        [models.m]
        backend = "torch"
        path = "model"
        chat_format = "chatml"

        [[steps]]
        name = "seeds"
        type = "read"
        path = "in"

        [[steps]]
        name = "score"
        type = "score-ifd"
        model = "m"
        metric = "ic_ifd"

        [[steps]]
        name = "out"
        type = "write"
        """;

    [Theory]
    [InlineData("no-tokenizer", "tokenizer.json")]
    [InlineData("no-config", "config.json")]
    [InlineData("truncated-weights", "model.safetensors")]
    [InlineData("merge-not-in-vocab", "tokenizer.json")]
    [InlineData("config-shape-mismatch", "model.safetensors")]
    public async Task BrokenModelFolder_ValidateAndRunExit2WithLocatedErrorAndNoStackTrace(string breakage, string file)
    {
        // Arrange: a copy of the embedded model with one thing broken.
        using var temp = new TempFolder();
        TempFolder.CopyModel("tiny", temp.Combine("model"));
        Break(temp.Combine("model"), breakage);
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("in", "a.jsonl"), "{\"instruction\": \"Add two and two.\", \"output\": \"Four.\"}\n");
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline);

        // Act
        var validate = await CliRunner.RunAsync(temp.Path, "validate", "p.toml");
        var run = await CliRunner.RunAsync(temp.Path, "run", "p.toml", "--out", temp.Combine("run"));

        // Assert
        foreach (var result in new[] { validate, run })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Matches($@"model/{file.Replace(".", @"\.", StringComparison.Ordinal)}(\(\d+,\d+\))?: error DF1020: \[models\.m\]", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(temp.Combine("run")));
    }

    [Fact]
    public async Task IntactModelFolder_Validates()
    {
        // Arrange
        using var temp = new TempFolder();
        TempFolder.CopyModel("tiny", temp.Combine("model"));
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline);

        // Act
        var validate = await CliRunner.RunAsync(temp.Path, "validate", "p.toml");

        // Assert
        Assert.True(validate.ExitCode == 0, validate.ToString());
    }

    private static void Break(string folder, string breakage)
    {
        switch (breakage)
        {
            case "no-tokenizer":
                File.Delete(Path.Combine(folder, "tokenizer.json"));
                break;
            case "no-config":
                File.Delete(Path.Combine(folder, "config.json"));
                break;
            case "truncated-weights":
                var weights = Path.Combine(folder, "model.safetensors");
                using (var stream = new FileStream(weights, FileMode.Open))
                {
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case "merge-not-in-vocab":
                var path = Path.Combine(folder, "tokenizer.json");
                var json = JsonNode.Parse(File.ReadAllText(path))!;
                json["model"]!["merges"]!.AsArray().Insert(0, JsonValue.Create("Zq9 Xj7"));
                File.WriteAllText(path, json.ToJsonString());
                break;
            case "config-shape-mismatch":
                var config = Path.Combine(folder, "config.json");
                var node = JsonNode.Parse(File.ReadAllText(config))!;
                node["intermediate_size"] = 640;
                File.WriteAllText(config, node.ToJsonString());
                break;
        }
    }
}
