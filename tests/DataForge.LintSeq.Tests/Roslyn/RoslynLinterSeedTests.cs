using System.Diagnostics;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using Xunit;
using Xunit.Abstractions;

namespace DataForge.LintSeq.Tests.Roslyn;

/// <summary>The linter over the seed programs: clean, the same answers in parallel, and its throughput (reported).</summary>
public sealed class RoslynLinterSeedTests(ITestOutputHelper output)
{
    private static readonly RoslynLinter Linter = RoslynLinter.Create();

    private static async Task<IReadOnlyList<LintMessage>> LintAsync(string program, RoslynLinter? linter = null) =>
        await (linter ?? Linter).LintAsync(program, CancellationToken.None);

    [Fact]
    public async Task LintAsync_FiftyParallelLints_SameAnswersAsSequential()
    {
        // Arrange: seed programs, clean and with a semicolon removed, plus small broken programs.
        var seeds = CSharpSeedPrograms.All;
        var programs = Enumerable.Range(0, 50)
            .Select(i => (i % 3) switch
            {
                0 => seeds[i % seeds.Count],
                1 => seeds[i % seeds.Count].Replace(";\n", "\n", StringComparison.Ordinal),
                _ => $"class C{i}\n{{\n    int M() => missing{i};\n}}\n",
            })
            .ToList();
        var expected = new List<IReadOnlyList<LintMessage>>();
        foreach (var program in programs)
        {
            expected.Add(await LintAsync(program));
        }

        // Act
        var actual = await Task.WhenAll(programs.Select(p => Task.Run(async () => await LintAsync(p))));

        // Assert
        for (var i = 0; i < programs.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
            Assert.Equal(i % 3 == 0, actual[i].Count == 0);
        }
    }

    [Fact]
    public async Task LintAsync_EverySeedProgram_Clean()
    {
        // Arrange
        var programs = CSharpSeedPrograms.All;

        // Act
        var failures = new List<string>();
        for (var i = 0; i < programs.Count; i++)
        {
            foreach (var message in await LintAsync(programs[i]))
            {
                failures.Add($"seed {i}: line {message.Line} {message.Code} {message.Message}");
            }
        }

        // Assert
        Assert.NotEmpty(programs);
        Assert.Empty(failures);
    }

    [Fact]
    public void LintAsync_SeedPrograms_MeasureThroughput()
    {
        // Arrange: Roslyn needs thousands of calls before its JIT tiering settles, as in a sampler run.
        var programs = CSharpSeedPrograms.All;
        var plain = programs.Where(p => !p.Contains("partial", StringComparison.Ordinal)).ToList();
        var withGenerators = programs.Where(p => p.Contains("partial", StringComparison.Ordinal)).ToList();
        var broken = programs.Select(p => p.Replace(";\n", "\n", StringComparison.Ordinal)).ToList();
        Measure(programs, FullCheck, seconds: 6);

        // Act
        var full = Measure(plain, FullCheck);
        var generated = withGenerators.Count == 0 ? (0, 0) : Measure(withGenerators, FullCheck);
        var parse = Measure(programs, p => Linter.LintSyntax(p, CancellationToken.None));
        var brokenFull = Measure(broken, FullCheck);

        // Assert (report only)
        output.WriteLine($"seed programs: {programs.Count}, mean lines {programs.Average(p => p.Split('\n').Length):F1}");
        output.WriteLine($"full checks, clean programs without partial: {full.PerSecond:F0}/s, {full.CpuMs:F2} CPU ms each");
        output.WriteLine($"full checks, programs with partial (SDK generators run): {generated.PerSecond:F0}/s, {generated.CpuMs:F2} CPU ms each");
        output.WriteLine($"parse-only checks: {parse.PerSecond:F0}/s, {parse.CpuMs:F3} CPU ms each");
        output.WriteLine($"checks of programs with syntax errors (parse, no binding): {brokenFull.PerSecond:F0}/s, {brokenFull.CpuMs:F3} CPU ms each");
        Assert.True(full.PerSecond > 0);
    }

    private static void FullCheck(string program) =>
        Linter.LintAsync(program, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Checks per wall-clock second, and CPU milliseconds of this process per check (steadier on a shared machine).</summary>
    private static (double PerSecond, double CpuMs) Measure(IReadOnlyList<string> programs, Action<string> check, double seconds = 2)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            foreach (var program in programs)
            {
                check(program);
                count++;
            }
        }

        process.Refresh();
        return (count / stopwatch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count);
    }
}
