using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>A NUL byte inside one line of a JSON Lines file rejects that line only, wherever it is in the file.</summary>
public sealed class NulByteLineTests
{
    [Fact]
    public async Task Run_NulByteInLine2Of5_KeepsTheOtherFourAndRejectsLine2()
    {
        // Arrange: the NUL sits in the first 8 KiB, where binary files are detected.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("input"));
        string Line(string instruction) => $$"""{"instruction": "{{instruction}}", "input": "", "output": "ok"}""";
        var text = $"{Line("one")}\n{Line("t\0wo")}\n{Line("three")}\n{Line("four")}\n{Line("five")}\n";
        await File.WriteAllTextAsync(temp.Combine("input", "records.jsonl"), text);
        await File.WriteAllTextAsync(temp.Combine("nul.toml"), """
            [run]
            name = "nul"
            max_error_fraction = 1.0

            [[steps]]
            name = "seeds"
            type = "read"
            path = "input"

            [[steps]]
            name = "out"
            type = "write"
            """);

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "run", "nul.toml", "--out", temp.Combine("run"), "--store", temp.Combine("store.sqlite"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var rejects = RunFolderAssert.Rows($"SELECT source, reason FROM read_parquet('{temp.Combine("run", "rejects", "*.parquet")}')")
            .Select(r => $"{r[0]} {r[1]}").ToList();
        Assert.Equal(["input/records.jsonl:2 invalid_json"], rejects);
        var kept = RunFolderAssert.Rows($"SELECT instruction FROM read_parquet('{temp.Combine("run", "data", "*.parquet")}') ORDER BY instruction")
            .Select(r => (string?)r[0]).ToList();
        Assert.Equal(["five", "four", "one", "three"], kept);
    }
}
