using DataForge.Core.Records;
using DataForge.LintSeq.Diffs;
using DataForge.LintSeq.Linters;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Diffs;

/// <summary>The final state of an edit sequence, restored with the record's <see cref="ProgramEnds"/>, is the input byte for byte.</summary>
public sealed class ProgramEndsTests
{
    private const string CSharp = "var total = 0;\nforeach (var n in new[] { 1, 2, 3 })\n{\n    total += n;\n}\n\nConsole.WriteLine(total);";

    [Theory]
    [InlineData("final newline", CSharp + "\n")]
    [InlineData("no final newline", CSharp)]
    [InlineData("BOM", "\uFEFF" + CSharp + "\n")]
    [InlineData("CRLF", CSharp + "\n")]
    [InlineData("BOM, CRLF, no final newline", "\uFEFF" + CSharp)]
    [InlineData("blank lines at both ends", "\n  \n" + CSharp + "\n\n\t\n")]
    public async Task Run_CSharpInput_FinalStateRestoresTheInputExactly(string name, string text)
    {
        // Arrange
        var input = name.Contains("CRLF", StringComparison.Ordinal) ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;

        // Act
        var sequences = await RunAsync(input);

        // Assert
        Assert.Equal(5, sequences.Count);
        foreach (var sequence in sequences)
        {
            var ends = ProgramEnds.Of(sequence) ?? throw new InvalidOperationException("no program ends in meta");
            Assert.Equal(input, ends.Restore(EditPath.Apply(sequence.Edits!.Value)));
            Assert.DoesNotContain('\r', sequence.Output!);
            Assert.False(sequence.Output!.StartsWith('\uFEFF'), "the sampled program has no BOM");
        }
    }

    [Fact]
    public void Normalize_CrLfInput_LfProgramAndCrLfEnds()
    {
        // Act
        var (program, ends) = ProgramEnds.Normalize("\uFEFF\r\nint x = 1;\r\nint y = 2;\r\n\r\n");

        // Assert
        Assert.Equal("\nint x = 1;\nint y = 2;\n\n", program);
        Assert.Equal(new ProgramEnds("\uFEFF\n", "\n\n", CrLf: true), ends);
        Assert.Equal("\uFEFF\r\nint x = 1;\r\nint y = 2;\r\n\r\n", ends.Restore("int x = 1;\nint y = 2;"));
    }

    [Fact]
    public void Normalize_MixedLineEndings_BecomeLf()
    {
        // Act
        var (program, ends) = ProgramEnds.Normalize("a = 1\r\nb = 2\nc = 3\n");

        // Assert
        Assert.Equal("a = 1\nb = 2\nc = 3\n", program);
        Assert.False(ends.CrLf);
        Assert.Equal(program, ends.Restore("a = 1\nb = 2\nc = 3"));
    }

    [Fact]
    public void Normalize_NoFinalNewline_EmptyTail()
    {
        // Act
        var (program, ends) = ProgramEnds.Normalize("print(1)");

        // Assert
        Assert.Equal("print(1)", program);
        Assert.Equal(new ProgramEnds("", "", CrLf: false), ends);
    }

    private static async Task<IReadOnlyList<Sample>> RunAsync(string program)
    {
        var record = new Sample { Id = "", Instruction = "sum", Output = program, Language = "csharp" };
        var step = Step.TestSteps.LintSeq(new PythonLinterOptions { WorkerCount = 1 });
        await using (step)
        {
            var result = await StepHarness.RunAsync(step, [record with { Id = SampleId.ForContent(record) }], 1, parallelism: 1);
            Assert.Empty(result.Rejects);
            return result.Outputs;
        }
    }
}
