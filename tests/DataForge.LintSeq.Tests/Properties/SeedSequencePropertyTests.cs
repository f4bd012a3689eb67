using DataForge.LintSeq.Diffs;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using Xunit;

namespace DataForge.LintSeq.Tests.Properties;

/// <summary>Properties of the edit sequences of every seed program, for each of its s sequences.</summary>
public sealed class SeedSequencePropertyTests(SeedSequencesFixture seeds) : IClassFixture<SeedSequencesFixture>
{
    [Fact]
    public void EveryProgram_GivesFiveSequences_AndNoRejects()
    {
        // Assert
        Assert.True(seeds.Programs.Count >= 60, $"{seeds.Programs.Count} seed programs");
        Assert.Empty(seeds.Rejects.Select(r => $"{r.Reason}: {r.MetaText("detail")}"));
        foreach (var program in seeds.Programs)
        {
            Assert.Equal(5, seeds.Sequences.Count(s => s.ParentId == program.Id));
        }
    }

    [Fact]
    public void ApplyingAllDiffs_ToTheEmptyProgram_GivesTheProgramBack()
    {
        foreach (var sequence in seeds.Sequences)
        {
            // Act
            var rebuilt = EditPath.Apply(sequence.Edits!.Value);

            // Assert: modulo blank lines at either end (the diffs compare programs without them).
            Assert.Equal(string.Join("\n", UnifiedDiff.Lines(sequence.Output!)), rebuilt);
        }
    }

    [Fact]
    public void EveryDiff_OnlyInserts()
    {
        foreach (var line in seeds.Sequences.SelectMany(s => s.Edits!.Value).SelectMany(d => d.Split('\n')))
        {
            Assert.True(line.StartsWith('+') || System.Text.RegularExpressions.Regex.IsMatch(line, @"^@@ -\d+,0 \+\d+(,\d+)? @@$"), line);
        }
    }

    [Fact]
    public async Task EveryIntermediateState_IsAcceptedByAFreshLinter()
    {
        // Arrange: new linter processes, no cache: the check does not trust anything the sampler saw.
        await using var pylint = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2 });
        var roslyn = RoslynLinter.Create();
        var states = seeds.Sequences
            .SelectMany(s => Enumerable.Range(1, s.Edits!.Value.Length).Select(k => (s.Language, Program: EditPath.Apply(s.Edits.Value.Take(k)), s.Id)))
            .DistinctBy(s => (s.Language, s.Program))
            .ToList();

        // Act
        var failures = new List<string>();
        await Parallel.ForEachAsync(states, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (state, ct) =>
        {
            ILinter linter = state.Language == "python" ? pylint : roslyn;
            var errors = await linter.LintAsync(state.Program, ct);
            if (errors.Count > 0)
            {
                lock (failures)
                {
                    failures.Add($"{state.Id}: {errors[0].Code} line {errors[0].Line}: {errors[0].Message}\n{state.Program}");
                }
            }
        });

        // Assert
        Assert.True(states.Count > seeds.Sequences.Count, "there are intermediate states to check");
        Assert.True(failures.Count == 0, string.Join("\n---\n", failures.Take(3)));
    }

    [Fact]
    public async Task SameSeed_GivesTheSameSequences()
    {
        // Arrange: a few programs of each language, sampled again from scratch.
        var some = seeds.Programs.Where(p => p.Language == "python").Take(3).Concat(seeds.Programs.Where(p => p.Language == "csharp").Take(3)).ToList();

        // Act
        var again = await SeedSequencesFixture.RunAsync(some);

        // Assert
        var first = seeds.Sequences.Where(s => some.Any(p => p.Id == s.ParentId)).Select(s => (s.Id, string.Join("\u0001", s.Edits!.Value))).ToList();
        Assert.Equal(first, again.Outputs.Select(s => (s.Id, string.Join("\u0001", s.Edits!.Value))).ToList());
    }

    [Fact]
    public void Sequences_OfOneProgram_DifferWhereTheProgramAllows()
    {
        foreach (var program in seeds.Programs)
        {
            // Act
            var distinct = seeds.Sequences.Where(s => s.ParentId == program.Id).Select(s => string.Join("\u0001", s.Edits!.Value)).Distinct().Count();

            // Assert: every seed program has many lines to start from, so five draws cannot all coincide.
            Assert.True(distinct >= 2, $"{program.Language} program '{program.Instruction}' gave {distinct} distinct sequence(s)");
        }
    }
}
