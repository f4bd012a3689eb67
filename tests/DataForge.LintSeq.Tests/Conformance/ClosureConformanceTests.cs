using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Sampling;
using DataForge.LintSeq.Tests.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Conformance;

/// <summary>The deletion fix-point under Debian's pylint 2.16.2 matches the reference's closures for every candidate line.</summary>
public sealed class ClosureConformanceTests(PylintFixture pylint) : IClassFixture<PylintFixture>
{
    [Theory]
    [MemberData(nameof(PythonRulesConformanceTests.Vectors), MemberType = typeof(PythonRulesConformanceTests))]
    public async Task CloseAsync_EveryCandidateOfConformanceProgram_MatchesReferenceClosure(string name)
    {
        // Arrange
        var vector = ConformanceVectors.Load(name);
        var lines = vector.GetProperty("program").GetString()!.Split('\n');
        var structure = new PythonRules().Analyze(lines, 1.0);
        var sampler = new LintSeqSampler(pylint.Linter, LintSeqOptions.Default);
        var mismatches = new List<string>();

        // Act
        foreach (var expected in vector.GetProperty("closure").EnumerateArray())
        {
            var line = expected.GetProperty("line").GetInt32();
            var closure = await sampler.CloseAsync(lines, structure, new HashSet<int>(), line, CancellationToken.None);
            var reference = expected.GetProperty("deleted").Ints();
            if (!closure.Deleted.Order().SequenceEqual(reference) || closure.LintCalls != expected.GetProperty("pylint_calls").GetInt32())
            {
                mismatches.Add($"{name} line {line}: deleted [{string.Join(",", closure.Deleted.Order())}] in {closure.LintCalls} calls, reference [{string.Join(",", reference)}] in {expected.GetProperty("pylint_calls").GetInt32()}");
            }
        }

        // Assert
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
