using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using Xunit;

namespace DataForge.LintSeq.Tests.Roslyn;

public sealed class RoslynLinterTests
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
}
