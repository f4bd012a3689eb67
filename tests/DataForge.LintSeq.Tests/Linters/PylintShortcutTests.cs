using System.Collections.Concurrent;
using DataForge.Core.Steps;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Sampling;
using DataForge.LintSeq.Tests.Properties;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

/// <summary>
/// The pylint worker answers a program that does not parse from the parser pylint calls (and reuses the
/// parse of one that does); these tests hold those answers against pylint parsing and answering itself.
/// </summary>
public sealed class PylintShortcutTests
{
    private static readonly Dictionary<string, string> TestHooks = new() { ["DATAFORGE_LINT_WORKER_TEST"] = "1" };

    [Fact]
    public async Task SendAsync_EveryStateOfTheConformanceVectorsAndSeeds_SameMessagesAsPylintAlone()
    {
        // Arrange: every reduced program of the conformance vectors, and every state the sampler lints
        // for each Python seed program (s = 2).
        await using var linter = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2, WorkerEnvironment = TestHooks });
        var states = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        foreach (var step in ConformanceFiles.Files.SelectMany(ConformanceFiles.ClosureSteps))
        {
            states.TryAdd(step.Program, 0);
        }

        var recorder = new RecordingLinter(linter, states);
        var sampler = new LintSeqSampler(recorder, LintSeqOptions.Default with { Sequences = 2 });
        var seeds = SeedSequencesFixture.LoadSeeds().Where(s => s.Language == "python").ToList();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (seed, ct) =>
        {
            var lines = ChainOfThought.Strip(seed.Output!, "python").Split('\n');
            states.TryAdd(string.Join("\n", lines), 0);
            var structure = new PythonRules().Analyze(lines, 1.0);
            for (var k = 0; k < 2 && structure.Candidates.Count > 0; k++)
            {
                await sampler.SampleAsync(lines, structure, DeterministicRandom.Create(1, $"{seed.Id}/{k}", "lintseq"), ct);
            }
        });

        // Act
        var answers = new ConcurrentBag<(string Program, string Fast, string Pylint)>();
        await Parallel.ForEachAsync(states.Keys, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (program, ct) =>
        {
            var fast = await linter.Pool.SendAsync(program, null, ct);
            var pylint = await linter.Pool.SendAsync(program, "no-shortcuts", ct);
            answers.Add((program, Describe(fast), Describe(pylint)));
        });

        // Assert: the states include hundreds that do not parse, and every answer is pylint's own.
        Assert.True(seeds.Count >= 30, $"{seeds.Count} Python seed programs");
        Assert.True(answers.Count(a => a.Pylint.Contains("E0001", StringComparison.Ordinal)) >= 300, $"{answers.Count(a => a.Pylint.Contains("E0001", StringComparison.Ordinal))} states that do not parse");
        Assert.Empty(answers.Where(a => a.Fast != a.Pylint).Select(a => $"{a.Program}\n-> {a.Fast}\n!= {a.Pylint}").Take(3));
    }

    [Theory]
    [InlineData("def f(:\n    pass\n")]
    [InlineData("if x:\nprint(1)\n")]
    [InlineData("x = 1\n  y = 2\n")]
    [InlineData("print(1\n")]
    [InlineData("x = '\0'\n")]
    [InlineData("def f(x):\n    # type: (int) -> int\n    return x\n")]
    [InlineData("x = 1  # type: int\ny = [\n")]
    [InlineData("\tif True:\n        pass\n")]
    public async Task SendAsync_HandWrittenProgram_SameMessagesAsPylintAlone(string program)
    {
        // Arrange
        await using var linter = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 1, WorkerEnvironment = TestHooks });

        // Act
        var fast = await linter.Pool.SendAsync(program, null, CancellationToken.None);
        var pylint = await linter.Pool.SendAsync(program, "no-shortcuts", CancellationToken.None);

        // Assert
        Assert.Equal(Describe(pylint), Describe(fast));
    }

    private static string Describe(IReadOnlyList<PythonWorkerMessage> messages) =>
        string.Join("; ", messages.Select(m => $"{m.Line}:{m.Column} {m.Code} {m.Message}").Order(StringComparer.Ordinal));

    private sealed class RecordingLinter(ILinter inner, ConcurrentDictionary<string, byte> states) : ILinter
    {
        public string Name => inner.Name;

        public string RuleSet => inner.RuleSet;

        public ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
        {
            states.TryAdd(program, 0);
            return inner.LintAsync(program, cancellationToken);
        }
    }
}
