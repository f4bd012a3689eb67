using System.Text;
using System.Text.Json;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary><c>dataforge lintseq</c> on a folder of good and bad files, through the built CLI, read back with DuckDB.</summary>
public sealed class LintSeqCommandTests
{
    [Fact]
    public async Task LintSeq_FolderWithBadFiles_RejectsEachWithReason_GoodProgramsGiveSequencesAndReferenceJsonl()
    {
        // Arrange
        using var temp = new TempFolder();
        var code = temp.Combine("code");
        Directory.CreateDirectory(code);
        await File.WriteAllTextAsync(Path.Combine(code, "good.py"), "def square(x):\n    return x * x\n\n\nprint(square(4))\n");
        await File.WriteAllTextAsync(Path.Combine(code, "good.cs"), "static int Square(int x) => x * x;\nConsole.WriteLine(Square(4));\n");
        await File.WriteAllTextAsync(Path.Combine(code, "bad.py"), "def broken(:\n    pass\n");
        await File.WriteAllBytesAsync(Path.Combine(code, "binary.py"), [0x00, 0x01, 0x02, 0x00]);
        await File.WriteAllBytesAsync(Path.Combine(code, "latin1.py"), [.. Encoding.ASCII.GetBytes("name = 'Ren"), 0xE9, .. Encoding.ASCII.GetBytes("'\nprint(name)\n")]);
        await File.WriteAllTextAsync(Path.Combine(code, "notes.md"), "# not code\n");
        var run = temp.Combine("run");

        // Act
        var result = await CliRunner.RunAsync(temp.Path, "lintseq", "code", "-s", "2", "--out", run, "--format", "reference-jsonl");

        // Assert: 3 of 5 inputs are errors, above the default max_error_fraction, so exit code 3 — but the run is published.
        Assert.True(result.ExitCode == 3, result.ToString());
        RunFolderAssert.ShardsMatchManifest(run);
        var rejects = RunFolderAssert.Rows($"SELECT source, reason FROM read_parquet('{Path.Combine(run, "rejects", "*.parquet")}') ORDER BY source")
            .Select(r => $"{r[0]} {r[1]}").ToList();
        Assert.Equal(2, rejects.Count(r => r.StartsWith("code/binary.py:1 binary_file", StringComparison.Ordinal) || r.StartsWith("code/latin1.py:1 invalid_utf8", StringComparison.Ordinal)));
        Assert.Single(rejects, r => r.EndsWith(" syntax_error", StringComparison.Ordinal));
        Assert.Equal(3, rejects.Count);

        var data = Path.Combine(run, "data", "*.parquet");
        Assert.Equal(4L, RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}') WHERE kind = 'edit_sequence'"));
        Assert.Equal(2L, RunFolderAssert.Scalar<long>($"SELECT count(DISTINCT language) FROM read_parquet('{data}')"));

        var reference = Directory.GetFiles(Path.Combine(run, "reference"), "*_vec.jsonl").Single();
        Assert.Equal("0000_all_2_1_vec.jsonl", Path.GetFileName(reference));
        var lines = await File.ReadAllLinesAsync(reference);
        Assert.Equal(4, lines.Length);
        foreach (var line in lines)
        {
            var record = JsonDocument.Parse(line).RootElement;
            Assert.True(record.GetProperty("edit_path").GetArrayLength() >= 1);
            Assert.StartsWith("code/good.", record.GetProperty("source_file").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, record.GetProperty("index").GetInt32());
        }
    }
}
