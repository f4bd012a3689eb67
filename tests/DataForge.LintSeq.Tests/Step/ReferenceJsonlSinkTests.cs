using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Step;

/// <summary>
/// The reference JSONL rows of real edit sequences: <c>index</c> is what the reference writes (its
/// generator's <c>int(index)</c>, the program's row in the source file), shared by the s sequences of
/// one program; the sequence number within a program stays in the shards' <c>meta.sequence</c>.
/// </summary>
public sealed class ReferenceJsonlSinkTests : IDisposable
{
    private const string Square = "/// <summary>Squares a number.</summary>\nstatic class Maths\n{\n    public static int Square(int x)\n    {\n        var y = x * x;\n        return y;\n    }\n}\n";
    private const string Loop = "var total = 0;\nforeach (var n in new[] { 1, 2, 3 })\n{\n    total += n;\n}\n\nConsole.WriteLine(total);\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteAsync_ProgramsFromAJsonlFileAndACodeFile_IndexIsTheProgramsRowSharedByItsSequences()
    {
        // Arrange
        var programs = new[]
        {
            Program("Quadriere eine Zahl.", Square, "seeds/programs.jsonl:1"),
            Program("Sum 1..3 and print it.", Loop, "seeds/programs.jsonl:3"),
            Program("Squares a number.", Square + "// file\n", "code/Maths.cs:1"),
        };
        StepRunResult run;
        await using (var lintseq = new LintSeqExpander(new LintSeqExpanderOptions { Sequences = 2 }, new LinterSet("auto", new PythonLinterOptions(), new RoslynLinterOptions(), cache: null)))
        {
            run = await StepHarness.RunAsync(lintseq, programs, runSeed: 1);
        }

        var sink = new ReferenceJsonlSink(new ReferenceJsonlOptions { Directory = _folder.Combine("reference"), Sequences = 2, Seed = 1 });
        var context = new StepContext("reference", 1, "run", _folder.Path);

        // Act
        await using (sink)
        {
            foreach (var record in run.Outputs)
            {
                await sink.WriteAsync(record, context, CancellationToken.None);
            }

            await sink.CompleteAsync(context, CancellationToken.None);
        }

        // Assert
        Assert.Empty(run.Rejects);
        var rows = (await File.ReadAllLinesAsync(sink.FilePath)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["edit_path", "index", "source_file", "source_instruction", "source_response"], rows[0].EnumerateObject().Select(p => p.Name));
        var written = run.Outputs.Zip(rows, (record, row) => (
            File: row.GetProperty("source_file").GetString(),
            Index: row.GetProperty("index").GetInt32(),
            Instruction: row.GetProperty("source_instruction").GetString(),
            Sequence: record.Meta["sequence"].GetInt64())).ToList();
        Assert.Equal(
            [
                ("seeds/programs.jsonl", 0, "Quadriere eine Zahl.", 0L), ("seeds/programs.jsonl", 0, "Quadriere eine Zahl.", 1L),
                ("seeds/programs.jsonl", 2, "Sum 1..3 and print it.", 0L), ("seeds/programs.jsonl", 2, "Sum 1..3 and print it.", 1L),
                ("code/Maths.cs", 0, "Squares a number.", 0L), ("code/Maths.cs", 0, "Squares a number.", 1L),
            ],
            written.OrderBy(w => w.File == "code/Maths.cs").ThenBy(w => w.Index).ThenBy(w => w.Sequence));
        Assert.All(rows, r => Assert.True(r.GetProperty("edit_path").GetArrayLength() >= 1));
    }

    private static Sample Program(string instruction, string program, string source)
    {
        var sample = new Sample { Id = "", Instruction = instruction, Output = program, Language = "csharp", Source = source, Origin = "seeds" };
        var id = SampleId.ForContent(sample);
        return sample with { Id = id, RootId = id };
    }
}
