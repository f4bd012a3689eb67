using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Tests.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static DataForge.LintSeq.Tests.Languages.CSharpEdits;

namespace DataForge.LintSeq.Tests.Languages;

public sealed class CSharpRulesTests
{
    private static readonly CSharpRules Rules = new();

    private static ProgramStructure Analyze(string program, double? factor = 1.0) => Rules.Analyze(program.Split('\n'), factor);

    [Fact]
    public void Analyze_AllmanMethodHeader_ChildrenAreBracesAndBody()
    {
        // Arrange
        const string program = "class C\n{\n    void M()\n    {\n        var x = 1;\n        System.Console.WriteLine(x);\n    }\n\n    void N() { }\n}";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([3, 4, 5, 6], structure.Children[2]);
        Assert.Equal(Enumerable.Range(1, 9), structure.Children[0]);
        Assert.Empty(structure.Children[4]);
        Assert.Empty(structure.Children[8]);
    }

    [Fact]
    public void Analyze_KAndRMethodHeader_ChildrenAreBodyAndClosingBrace()
    {
        // Arrange
        const string program = "class C {\n    void M() {\n        var x = 1;\n    }\n}";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([2, 3], structure.Children[1]);
        Assert.Equal([1, 2, 3, 4], structure.Children[0]);
    }

    [Fact]
    public void Analyze_AllmanIfElseChain_EachHeaderTakesItsRest()
    {
        // Arrange
        const string program = "if (args.Length > 0)\n{\n    A();\n}\nelse if (args.Length > 1)\n{\n    B();\n}\nelse\n{\n    C();\n}\nA();\nstatic void A() { }\nstatic void B() { }\nstatic void C() { }";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal(Enumerable.Range(1, 11), structure.Children[0]);
        Assert.Equal(Enumerable.Range(5, 7), structure.Children[4]);
        Assert.Equal([9, 10, 11], structure.Children[8]);
        Assert.Empty(structure.Children[12]);
    }

    [Fact]
    public void Analyze_KAndRElseLines_KeepTheClausesClosingBraceSoBracesStayBalanced()
    {
        // Arrange
        const string program = "if (args.Length > 0) {\n    A();\n} else if (args.Length > 1) {\n    A();\n} else {\n    A();\n}\nstatic void A() { }";
        var lines = program.Split('\n');

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([1, 2, 3, 4, 5, 6], structure.Children[0]);
        Assert.Equal([3, 4, 5], structure.Children[2]);
        Assert.Equal([5], structure.Children[4]);
        Assert.Empty(ParseErrors(Delete(lines, 2, structure)));
        Assert.Empty(ParseErrors(Delete(lines, 4, structure)));
    }

    [Fact]
    public void Analyze_KAndRCatchAndFinallyLines_KeepTheClausesClosingBrace()
    {
        // Arrange
        const string program = "try {\n    A();\n} catch (InvalidOperationException) {\n    A();\n} catch (Exception) {\n    A();\n} finally {\n    A();\n}\nstatic void A() { }";
        var lines = program.Split('\n');

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([3], structure.Children[2]);
        Assert.Equal([5], structure.Children[4]);
        Assert.Equal([7], structure.Children[6]);
        Assert.All(new[] { 2, 4, 6 }, line => Assert.Empty(ParseErrors(Delete(lines, line, structure))));
    }

    [Fact]
    public void Analyze_EmptyProgram_NoCandidates()
    {
        // Act
        var structure = Analyze("");

        // Assert
        Assert.Empty(structure.Candidates);
        Assert.Equal([0.0], structure.Weights);
        Assert.Null(structure.TabWidth);
        Assert.Empty(structure.Children[0]);
    }

    [Fact]
    public void Analyze_TryWithOneCatch_CatchTakesTheWholeTry()
    {
        // Arrange
        const string program = "try\n{\n    A();\n}\ncatch (Exception)\n{\n    A();\n}\nstatic void A() { }";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([0, 1, 2, 3, 5, 6, 7], structure.Children[4]);
        Assert.Equal(Enumerable.Range(1, 7), structure.Children[0]);
    }

    [Fact]
    public void Analyze_EmbeddedStatementWithoutBraces_TakesItsIf()
    {
        // Arrange
        const string program = "if (args.Length > 0)\n    A();\nelse\n    A();\nstatic void A() { }";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([0, 2, 3], structure.Children[1]);
        Assert.Equal([2], structure.Children[3]);
        Assert.Equal([1, 2, 3], structure.Children[0]);
    }

    [Fact]
    public void Analyze_MultiLineLinqStatement_ContinuationLinesAreChildrenOfTheFirst()
    {
        // Arrange
        const string program = "var q = args\n    .Where(a => a.Length > 0)\n    .Select(a => a.Trim())\n    .ToList();\nSystem.Console.WriteLine(q.Count);";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([1, 2, 3], structure.Children[0]);
        Assert.Empty(structure.Children[1]);
        Assert.Empty(structure.Children[2]);
        Assert.Equal([0, 1, 2], structure.Children[3]);
    }

    [Fact]
    public void Analyze_LambdaWithBlock_ClosingLineTakesTheStatement()
    {
        // Arrange
        const string program = "args.ToList().ForEach(a =>\n{\n    System.Console.WriteLine(a);\n});";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([1, 2, 3], structure.Children[0]);
        Assert.Equal([0, 1, 2], structure.Children[3]);
        Assert.Empty(structure.Children[2]);
    }

    [Fact]
    public void Analyze_PropertyWithAccessors_HeaderTakesAccessors()
    {
        // Arrange
        const string program = "class C\n{\n    private int _x;\n    public int X\n    {\n        get { return _x; }\n        set\n        {\n            _x = value;\n        }\n    }\n}";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal(Enumerable.Range(4, 7), structure.Children[3]);
        Assert.Empty(structure.Children[5]);
        Assert.Equal([7, 8, 9], structure.Children[6]);
    }

    [Fact]
    public void Analyze_AttributedMethod_HeaderTakesItsAttributeLine()
    {
        // Arrange
        const string program = "class C\n{\n    [System.Obsolete]\n    void M()\n    {\n    }\n}";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([2, 4, 5], structure.Children[3]);
        Assert.Empty(structure.Children[2]);
    }
}
