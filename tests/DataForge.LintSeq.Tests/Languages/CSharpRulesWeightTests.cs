using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Tests.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static DataForge.LintSeq.Tests.Languages.CSharpEdits;

namespace DataForge.LintSeq.Tests.Languages;

/// <summary>Which lines are candidates and what they weigh; the fallback for unparsable programs; every seed program stays parsable.</summary>
public sealed class CSharpRulesWeightTests
{
    private static readonly CSharpRules Rules = new();

    private static ProgramStructure Analyze(string program, double? factor = 1.0) => Rules.Analyze(program.Split('\n'), factor);

    [Fact]
    public void Analyze_CommentsBracesAndDirectives_AreNotCandidates()
    {
        // Arrange
        const string program = "// comment\n/// <summary>doc</summary>\n/* block\n * more\n */\n#region R\nclass C\n{\n    int _x; // trailing comment\n}\n#endregion\n";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([6, 8], structure.Candidates);
        Assert.Equal(0, structure.Weights[7]);
        Assert.Equal(0, structure.Weights[0]);
    }

    [Fact]
    public void Analyze_Indentation_WeightsFollowTheReferenceRule()
    {
        // Arrange
        const string program = "class C\n{\n    void M()\n    {\n        int x = 1;\n            x++;\n    }\n}";

        // Act
        var biased = Analyze(program);
        var uniform = Analyze(program, factor: null);

        // Assert
        Assert.Equal([0, 0, 4, 4, 8, 12, 12, 12], biased.Indents);
        Assert.Equal(4, biased.TabWidth);
        Assert.Equal([1.0, 0, 1.0, 0, 2.0, 3.0, 0, 0], biased.Weights);
        Assert.Equal([1.0, 0, 1.0, 0, 1.0, 1.0, 0, 0], uniform.Weights);
    }

    [Fact]
    public void Analyze_HalfIndentBiasFactor_ScalesIndentedWeightsOnly()
    {
        // Arrange
        const string program = "class C\n{\n  int _a;\n}";

        // Act
        var structure = Analyze(program, factor: 0.5);

        // Assert
        Assert.Equal(2, structure.TabWidth);
        Assert.Equal([1.0, 0, 0.5, 0], structure.Weights);
    }

    [Fact]
    public void Analyze_UnparsableProgram_FallsBackToIndentationAndBraces()
    {
        // Arrange
        const string program = "class C\n{\n    void M()\n    {\n        int x = \n    }\n    // note\n}";

        // Act
        var structure = Analyze(program);

        // Assert
        Assert.Equal([0, 2, 4], structure.Candidates);
        Assert.Equal(Enumerable.Range(1, 7), structure.Children[0]);
        Assert.Equal([3, 4, 5], structure.Children[2]);
    }

    [Fact]
    public void Analyze_SeedPrograms_DeletingAnyLineWithItsChildrenStillParses()
    {
        // Arrange
        var failures = new List<string>();
        var programs = CSharpSeedPrograms.All;

        // Act
        for (var p = 0; p < programs.Count; p++)
        {
            var lines = programs[p].Split('\n');
            var structure = Rules.Analyze(lines, 1.0);
            foreach (var line in structure.Candidates)
            {
                var errors = ParseErrors(Delete(lines, line, structure));
                if (errors.Count > 0)
                {
                    failures.Add($"seed {p} line {line} '{lines[line].Trim()}': {errors[0]}");
                }
            }
        }

        // Assert
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
