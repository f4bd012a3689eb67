using DataForge.LintSeq.Diffs;
using Xunit;

namespace DataForge.LintSeq.Tests.Properties;

/// <summary>The final state of every sequence of every seed program (both languages) is the seed program byte for byte.</summary>
public sealed class FinalStateFidelityTests(SeedSequencesFixture seeds) : IClassFixture<SeedSequencesFixture>
{
    [Fact]
    public void RestoredFinalState_EverySeedSequence_EqualsTheInputExactly()
    {
        // Arrange
        var inputs = seeds.Programs.ToDictionary(p => p.Id, p => p.Output!);
        var failures = new List<string>();

        // Act
        foreach (var sequence in seeds.Sequences)
        {
            var ends = ProgramEnds.Of(sequence);
            var final = ends?.Restore(EditPath.Apply(sequence.Edits!.Value));
            if (final != inputs[sequence.ParentId!])
            {
                failures.Add($"{sequence.Language} '{sequence.Instruction}' sequence {sequence.MetaText("sequence")}: ends {ends}");
            }
        }

        // Assert
        Assert.True(seeds.Sequences.Count >= 300, $"{seeds.Sequences.Count} sequences");
        Assert.Contains(seeds.Programs, p => p.Output!.EndsWith('\n'));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }
}
