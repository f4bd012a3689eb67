using System.Diagnostics;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using Xunit;
using Xunit.Abstractions;

namespace DataForge.LintSeq.Tests.Roslyn;

public sealed class RoslynLinterTests(ITestOutputHelper output)
{
    private static readonly RoslynLinter Linter = RoslynLinter.Create();

    private static async Task<IReadOnlyList<LintMessage>> LintAsync(string program, RoslynLinter? linter = null) =>
        await (linter ?? Linter).LintAsync(program, CancellationToken.None);

    [Fact]
    public async Task LintAsync_CompilingLibrary_NoErrors()
    {
        // Arrange
        const string program = """
            namespace Shapes;

            public sealed class Circle(double radius)
            {
                public double Area => Math.PI * radius * radius;
            }
            """;

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_TopLevelProgram_NoErrors()
    {
        // Arrange
        const string program = """
            var total = 0;
            foreach (var arg in args)
            {
                total += arg.Length;
            }

            Console.WriteLine(total);
            """;

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_MissingSemicolon_ErrorOnThatLine()
    {
        // Arrange
        const string program = "class C\n{\n    void M()\n    {\n        var x = 1\n        System.Console.WriteLine(x);\n    }\n}\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal("CS1002", message.Code);
        Assert.Equal(5, message.Line);
    }

    [Fact]
    public async Task LintAsync_UndefinedName_CS0103OnItsLine()
    {
        // Arrange
        const string program = "class C\n{\n    int M()\n    {\n        return missing + 1;\n    }\n}\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal("CS0103", message.Code);
        Assert.Equal(5, message.Line);
    }

    [Fact]
    public async Task LintAsync_ImplicitUsings_ListAndLinqCompileWithoutUsings()
    {
        // Arrange
        const string program = """
            class C
            {
                List<int> Evens(IEnumerable<int> xs) => xs.Where(x => x % 2 == 0).ToList();
                Task<string> Read(string path) => File.ReadAllTextAsync(path);
            }
            """;

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Empty(messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("// only a comment\n")]
    public async Task LintAsync_EmptyProgram_Clean(string program)
    {
        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_MissingFinalBrace_FlagsTheUnclosedBlockNotTheLastLine()
    {
        // Arrange
        var program = "namespace N\n{\n    class C\n    {\n        void M() { }\n    }\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        var message = Assert.Single(messages);
        Assert.Equal("CS1513", message.Code);
        Assert.Equal(2, message.Line);
    }

    [Fact]
    public async Task LintAsync_MethodLostItsClosingBrace_FlagsThatMethodsOpeningLine()
    {
        // Arrange: M's "}" (after line 6) was deleted; the parser pairs M's "{" with the class's "}".
        var program = "class C\n{\n    void M()\n    {\n        System.Console.WriteLine();\n\n    void N()\n    {\n    }\n}\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        var message = Assert.Single(messages, m => m.Code == "CS1513");
        Assert.Equal(4, message.Line);
    }

    [Fact]
    public async Task LintAsync_SyntaxAndSemanticErrors_SyntaxErrorsFirst()
    {
        // Arrange
        const string program = "class C\n{\n    int M() => missing;\n    void N() { var x = 1 }\n}\n";

        // Act
        var first = await LintAsync(program);
        var second = await LintAsync("class C\n{\n    int M() => missing;\n}\n");

        // Assert
        Assert.Equal(["CS1002"], first.Select(m => m.Code));
        Assert.Equal(4, first[0].Line);
        Assert.Equal(["CS0103"], second.Select(m => m.Code));
    }

    [Fact]
    public async Task LintAsync_TypeNamedLikeAnImplicitNamespace_ErrorsOnTheTypeDeclaration()
    {
        // Arrange: the implicit "global using global::System;" now names a type; its errors sit in the usings tree.
        const string program = "// header\n\nclass System { }\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal(3, m.Line));
    }

    [Fact]
    public async Task LintAsync_GeneratedRegex_CompilesWithTheSdkGenerator()
    {
        // Arrange
        const string program = """
            using System.Text.RegularExpressions;

            partial class Words
            {
                [GeneratedRegex("[a-z]+")]
                private static partial Regex Pattern();

                public static int Count(string text) => Pattern().Count(text);
            }
            """;

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Empty(messages);
    }

    [Fact]
    public async Task LintAsync_IgnoredDiagnosticId_NotReported()
    {
        // Arrange
        var linter = RoslynLinter.Create(new RoslynLinterOptions { IgnoredDiagnosticIds = ["cs0103 "] });
        const string program = "class C\n{\n    int M() => missing;\n}\n";

        // Act
        var messages = await LintAsync(program, linter);

        // Assert
        Assert.Empty(messages);
        Assert.EndsWith(";ignore=CS0103", linter.RuleSet, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleSet_Default_NamesVersionAndEmptyIgnoreList()
    {
        // Act
        var ruleSet = Linter.RuleSet;

        // Assert
        Assert.Equal("roslyn", Linter.Name);
        Assert.StartsWith("roslyn-5.", ruleSet, StringComparison.Ordinal);
        Assert.Contains(":errors;lang=Latest;refs=net100;generators=", ruleSet, StringComparison.Ordinal);
        Assert.EndsWith(";ignore=", ruleSet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LintAsync_CrLfAndUnicodeLineSeparators_LinesCountNewlinesOnly()
    {
        // Arrange: U+2028 inside a comment would be a line break for Roslyn, not for the sampler.
        const string program = "class C\r\n{ // a\u2028b\n    int M() => missing;\r\n}\r\n";

        // Act
        var messages = await LintAsync(program);

        // Assert
        Assert.Equal(3, Assert.Single(messages).Line);
    }

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
