using DataForge.LintSeq.Diffs;
using DataForge.LintSeq.Languages;
using Xunit;

namespace DataForge.LintSeq.Tests.Conformance;

/// <summary>The parts of the reference that do not depend on pylint must match its vectors exactly.</summary>
public sealed class PythonRulesConformanceTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var name in ConformanceVectors.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Vectors_AreAllThere()
    {
        // Assert: the test must not pass vacuously.
        Assert.Equal(14, ConformanceVectors.Names.Count());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Analyze_ConformanceProgram_MatchesCandidatesWeightsIndentsAndChildren(string name)
    {
        // Arrange
        var vector = ConformanceVectors.Load(name);
        var lines = vector.GetProperty("program").GetString()!.Split('\n');

        // Act
        var structure = new PythonRules().Analyze(lines, indentBiasFactor: 1.0);

        // Assert
        Assert.Equal(vector.GetProperty("line_count").GetInt32(), lines.Length);
        Assert.Equal(vector.GetProperty("candidates").Ints(), structure.Candidates);
        Assert.Equal(vector.GetProperty("indents").Ints(), structure.Indents);
        Assert.Equal(vector.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()), structure.Weights);
        var tabWidth = vector.GetProperty("tab_width");
        Assert.Equal(tabWidth.ValueKind == System.Text.Json.JsonValueKind.Null ? null : tabWidth.GetInt32(), structure.TabWidth);
        var children = vector.GetProperty("children").EnumerateArray().Select(c => c.Ints()).ToList();
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.True(children[i].SequenceEqual(structure.Children[i]), $"{name} line {i}: children [{string.Join(",", structure.Children[i])}], reference [{string.Join(",", children[i])}]");
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Inflate_ReferenceDeletionSets_GivesTheReferenceDiffsExactly(string name)
    {
        // Arrange
        var vector = ConformanceVectors.Load(name);
        var lines = vector.GetProperty("program").GetString()!.Split('\n');
        var expected = vector.GetProperty("sequence_seed1");
        if (expected.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            // No candidates: the reference writes no sequence; nothing to inflate.
            Assert.Empty(new PythonRules().Analyze(lines, 1.0).Candidates);
            return;
        }

        var deletions = vector.GetProperty("sequence_seed1_deletions").EnumerateArray()
            .Select(d => (IReadOnlySet<int>)d.Ints().ToHashSet()).ToList();

        // Act
        var diffs = EditPath.Inflate(lines, deletions);

        // Assert
        Assert.Equal(expected.EnumerateArray().Select(d => d.GetString()), diffs);
    }
}
