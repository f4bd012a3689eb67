using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters.Roslyn;
using Xunit;
using Xunit.Abstractions;

namespace DataForge.LintSeq.Tests.Roslyn;

/// <summary>Runs the LintSeq deletion fix-point (docs/algorithms.md#lintseq) with the Roslyn linter and the C# rules.</summary>
public sealed class RoslynFixPointTests(ITestOutputHelper output)
{
    private static readonly RoslynLinter Linter = RoslynLinter.Create();
    private static readonly CSharpRules Rules = new();

    [Fact]
    public async Task FixPoint_SeedLinesOfEverySeedProgram_ConvergeToCompilingPrograms()
    {
        // Arrange
        var programs = CSharpSeedPrograms.All;
        var rounds = 0;
        var calls = 0;
        var deletedLines = 0;
        var failures = new List<string>();
        var collapses = new List<string>();

        // Act
        for (var p = 0; p < programs.Count; p++)
        {
            var lines = programs[p].Split('\n');
            var structure = Rules.Analyze(lines, 1.0);
            for (var c = 0; c < structure.Candidates.Count; c += 4)
            {
                var seed = structure.Candidates[c];
                var (edit, lintCalls, clean) = await FixPointAsync(lines, structure, seed);
                rounds++;
                calls += lintCalls;
                deletedLines += edit.Count(l => !string.IsNullOrWhiteSpace(lines[l]));
                if (!clean)
                {
                    failures.Add($"seed {p} line {seed} '{lines[seed].Trim()}': no clean program after deleting {edit.Count}/{lines.Length}");
                }
                else if (edit.Count(l => structure.Candidates.Contains(l)) > structure.Candidates.Count * 0.9)
                {
                    collapses.Add($"seed {p} line {seed} '{lines[seed].Trim()}': deleted {edit.Count}/{lines.Length}");
                }
            }
        }

        // Assert
        output.WriteLine($"{rounds} fix-points, {calls / (double)rounds:F2} lint calls and {deletedLines / (double)rounds:F1} non-blank lines deleted on average");
        output.WriteLine($"deleting over 90% of the candidates ({collapses.Count}):\n{string.Join('\n', collapses)}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static async Task<(HashSet<int> Edit, int Calls, bool Clean)> FixPointAsync(string[] lines, ProgramStructure structure, int seed)
    {
        var edit = new HashSet<int>();
        var affected = new List<int> { seed };
        var calls = 0;
        while (true)
        {
            foreach (var line in affected)
            {
                edit.Add(line);
                edit.UnionWith(structure.Children[line]);
            }

            var surviving = Enumerable.Range(0, lines.Length).Where(i => !edit.Contains(i)).ToList();
            var messages = await Linter.LintAsync(string.Join('\n', surviving.Select(i => lines[i])), CancellationToken.None);
            calls++;
            if (messages.Count == 0)
            {
                return (edit, calls, true);
            }

            affected = [.. messages.Select(m => surviving[m.Line - 1]).Distinct()];
        }
    }
}
