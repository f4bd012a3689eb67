using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The seed sets are what the README says they are.</summary>
public sealed class SeedsTests
{
    private static string Seeds => Path.Combine(CliRunner.RepoRoot, "seeds");

    [Fact]
    public void Instructions_AtLeast200UniqueAcrossAreas_WithAndWithoutInput()
    {
        // Act
        var records = Directory.GetFiles(Path.Combine(Seeds, "instructions"), "*.jsonl")
            .SelectMany(f => File.ReadLines(f).Where(l => l.Length > 0).Select(l => (File: Path.GetFileName(f), Json: JsonDocument.Parse(l).RootElement)))
            .ToList();

        // Assert
        Assert.True(records.Count >= 200, $"{records.Count} instructions");
        Assert.Equal(records.Count, records.Select(r => r.Json.GetProperty("instruction").GetString()).Distinct().Count());
        Assert.True(records.Select(r => r.File).Distinct().Count() >= 6);
        var withInput = records.Count(r => r.Json.GetProperty("input").GetString() is { Length: > 0 });
        Assert.InRange(withInput, records.Count / 5, records.Count * 4 / 5);
    }

    [Theory]
    [InlineData("python.jsonl", "python")]
    [InlineData("csharp.jsonl", "csharp")]
    public void Programs_AtLeast30PerLanguage_Of10To150Lines(string file, string language)
    {
        // Act
        var programs = File.ReadLines(Path.Combine(Seeds, "programs", file)).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();

        // Assert
        Assert.True(programs.Count >= 30, $"{programs.Count} {language} programs");
        foreach (var program in programs)
        {
            Assert.Equal(language, program.GetProperty("language").GetString());
            Assert.False(string.IsNullOrWhiteSpace(program.GetProperty("instruction").GetString()));
            Assert.InRange(program.GetProperty("output").GetString()!.TrimEnd('\n').Split('\n').Length, 10, 150);
        }
    }

    [Fact]
    public async Task PythonPrograms_PassPyflakesAndPylintErrorRules()
    {
        // Arrange: the checker uses Debian's python3 with pylint and pyflakes, which `./dataforge test` installs.
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Seeds, "check-programs.sh"));
        info.ArgumentList.Add("--python-only");

        // Act
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

        // Assert
        Assert.True(process.ExitCode == 0, $"{await stdout}\n{await stderr}");
        Assert.Contains("no failures", await stdout, StringComparison.Ordinal);
    }
}
