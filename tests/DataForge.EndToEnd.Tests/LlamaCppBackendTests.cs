using System.Globalization;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// <c>dataforge model convert</c> then a pipeline whose model is <c>backend = "llamacpp"</c>: the built CLI,
/// llama.cpp, and Parquet read back with DuckDB.
/// </summary>
public sealed class LlamaCppBackendTests
{
    [Fact]
    public async Task ScoreIfd_ConvertedTinyModel_ScoresAsTheTorchBackendDoes()
    {
        // Arrange
        using var temp = new TempFolder();
        var tiny = Path.Combine(CliRunner.RepoRoot, "models", "tiny");
        var convert = await CliRunner.RunAsync(CliRunner.RepoRoot, "model", "convert", tiny, "--to", "gguf", "--type", "f32", "--out", temp.Combine("tiny-f32.gguf"));
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Contains("pre-tokenizer gpt-2", convert.Stdout, StringComparison.Ordinal);

        // Act
        var byTorch = await ScoresAsync(temp, "torch", $"backend = \"tiny\"\npath = \"{Slashes(tiny)}\"");
        var byLlama = await ScoresAsync(temp, "llama", $"backend = \"llamacpp\"\npath = \"{Slashes(temp.Combine("tiny-f32.gguf"))}\"\nthreads = 2");

        // Assert
        Assert.Equal(byTorch.Keys.Order(), byLlama.Keys.Order());
        Assert.True(byTorch.Count >= 5, $"{byTorch.Count} records scored");
        Assert.All(byTorch, p => Assert.True(Math.Abs(p.Value - byLlama[p.Key]) < 1e-3, $"{p.Key}: torch {p.Value}, llamacpp {byLlama[p.Key]}"));
    }

    [Fact]
    public async Task Validate_LlamaCppModelWithoutPath_ReportsTheMissingKey()
    {
        // Arrange
        using var temp = new TempFolder();
        var pipeline = temp.Write("p.toml", "[models.q]\nbackend = \"llamacpp\"\n\n[[steps]]\nname = \"seeds\"\ntype = \"read\"\npath = \".\"\n");

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "validate", pipeline);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("path", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, double>> ScoresAsync(TempFolder temp, string name, string model)
    {
        var seeds = Slashes(Path.Combine(CliRunner.RepoRoot, "seeds", "instructions"));
        var pipeline = temp.Write($"{name}.toml", $$"""
            [models.scorer]
            {{model}}

            [[steps]]
            name = "seeds"
            type = "read"
            path = "{{seeds}}"

            [[steps]]
            name = "score"
            type = "score-ifd"
            model = "scorer"
            metric = "ic_ifd"

            [[steps]]
            name = "out"
            type = "write"
            """);
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", pipeline, "--limit", "6", "--out", temp.Combine(name), "--store", temp.Combine($"{name}.sqlite"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = RunFolderAssert.Rows($"SELECT id, ic_ifd FROM read_parquet('{temp.Combine(name, "data", "*.parquet")}')");
        return rows.ToDictionary(r => (string)r[0]!, r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
    }

    private static string Slashes(string path) => path.Replace("\\", "/", StringComparison.Ordinal);
}
