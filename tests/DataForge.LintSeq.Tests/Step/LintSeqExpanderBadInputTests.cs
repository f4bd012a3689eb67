using DataForge.Core.Records;
using DataForge.LintSeq.Linters;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Step;

/// <summary>Bad programs and failing linters become rejects with their reason; the good programs all produce sequences.</summary>
public sealed class LintSeqExpanderBadInputTests
{
    private const string GoodPython = "def add(a, b):\n    total = a + b\n    return total\n\n\nprint(add(1, 2))\n";
    private const string GoodCSharp = "var numbers = new List<int> { 1, 2, 3 };\nforeach (var n in numbers)\n{\n    Console.WriteLine(n * 2);\n}\n";

    [Fact]
    public async Task Run_BadProgramsAndFailingLinter_RejectsEachWithItsReason_GoodOnesGiveSequences()
    {
        // Arrange
        var inputs = new[]
        {
            Program("good-python", "python", GoodPython),
            Program("good-csharp", "csharp", GoodCSharp),
            Program("python-syntax", "python", "def broken(:\n    return 1\n"),
            Program("csharp-syntax", "csharp", "class A {\n    void M() { int x = ; }\n}\n"),
            Program("preexisting-error", "python", "def mean(xs):\n    return sum(xs) / len(xs)\n\n\nprint(mean([1, 2]), median([3]))\n"),
            Program("comments-only", "python", "# nothing here\n\n# but comments\n"),
            Program("no-program", "python", "   "),
            Program("ruby", "ruby", "puts 'hello'\n"),
            Program("hangs", "python", "x = 1\n# dataforge-test: hang\nprint(x)\n"),
            Program("crashes", "python", "y = 2\n# dataforge-test: crash\nprint(y)\n"),
        };
        var step = NewStep(new PythonLinterOptions
        {
            WorkerCount = 2,
            CallTimeout = TimeSpan.FromSeconds(3),
            WorkerEnvironment = new Dictionary<string, string> { ["DATAFORGE_LINT_WORKER_TEST"] = "1" },
        });

        // Act
        StepRunResult result;
        await using (step)
        {
            result = await StepHarness.RunAsync(step, inputs, runSeed: 3, parallelism: 2);
        }

        // Assert
        var reasons = result.Rejects.ToDictionary(r => r.Instruction!, r => r.Reason);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["python-syntax"] = "syntax_error",
                ["csharp-syntax"] = "syntax_error",
                ["comments-only"] = "no_candidate_lines",
                ["no-program"] = "no_program",
                ["ruby"] = "unsupported_language",
                ["hangs"] = "linter_failed",
                ["crashes"] = "linter_failed",
            },
            reasons);
        Assert.All(result.Rejects, r => Assert.False(string.IsNullOrEmpty(r.MetaText("detail"))));
        foreach (var good in new[] { "good-python", "good-csharp", "preexisting-error" })
        {
            Assert.Equal(5, result.Outputs.Count(o => o.Instruction == good));
        }

        // Errors already in a program go with the first deletion, as the reference does.
        Assert.All(result.Outputs.Where(o => o.Instruction == "preexisting-error"), o => Assert.Equal("1", o.MetaText("preexisting_errors")));
    }

    [Fact]
    public async Task Run_PythonMissing_RejectsPythonAsLinterMissing_CSharpStillWorks()
    {
        // Arrange
        var step = NewStep(new PythonLinterOptions { PythonPath = "/nonexistent/python3" });
        var inputs = new[] { Program("good-python", "python", GoodPython), Program("good-csharp", "csharp", GoodCSharp) };

        // Act
        StepRunResult result;
        await using (step)
        {
            result = await StepHarness.RunAsync(step, inputs);
        }

        // Assert
        var reject = Assert.Single(result.Rejects);
        Assert.Equal("linter_missing", reject.Reason);
        Assert.Contains("apt-get install", reject.MetaText("detail"), StringComparison.Ordinal);
        Assert.Equal(5, result.Outputs.Count(o => o.Language == "csharp"));
    }

    [Fact]
    public async Task Conformance_LintSeqStep_HonoursTheStepContract()
    {
        // Arrange
        var inputs = new[] { Program("good-python", "python", GoodPython), Program("good-csharp", "csharp", GoodCSharp), Program("comments-only", "python", "# x\n") };

        // Act / Assert: determinism, cancellation, declared reasons and fields, order under parallelism.
        await StepConformance.CheckRecordStepAsync(() => NewStep(new PythonLinterOptions { WorkerCount = 2 }), inputs);
    }

    private static LintSeqExpander NewStep(PythonLinterOptions python) => TestSteps.LintSeq(python);

    private static Sample Program(string name, string language, string program)
    {
        var sample = new Sample { Id = "", Instruction = name, Output = program, Language = language };
        return sample with { Id = SampleId.ForContent(sample) };
    }
}
