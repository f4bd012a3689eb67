using DataForge.Generation.Evol;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

public sealed class EvolSelectionTests
{
    private static readonly string[] Instructions = ["Name a color.", "Explain gravity.", "Sort a list.", "Write a haiku.", "Define entropy.", "Plan a trip."];

    [Theory]
    [InlineData(EvolSelection.Uniform)]
    [InlineData(EvolSelection.Rotation)]
    public async Task ExpandAsync_FixedSeed_ChoosesTheSameOperations(EvolSelection selection)
    {
        // Arrange
        var options = new EvolInstructOptions { Rounds = 4, Selection = selection };

        // Act
        var first = await Operations(options, 3);
        var second = await Operations(options, 3);

        // Assert
        Assert.Equal(first, second);
        Assert.True(first.Select(o => o.Split('/')[2]).Distinct().Count() > 1);
    }

    [Fact]
    public async Task ExpandAsync_Rotation_StepsThroughTheOperationsInOrder()
    {
        // Arrange
        var ops = EvolOperations.Default;
        var options = new EvolInstructOptions { Rounds = ops.Count, Selection = EvolSelection.Rotation };

        // Act
        var run = await StepHarness.RunAsync(EvolFakes.Step(options), EvolFakes.Seeds(Instructions));

        // Assert: per record, round r + 1 uses the operation after round r's, wrapping around.
        foreach (var lineage in run.Outputs.Where(s => s.Round > 0).GroupBy(s => s.RootId))
        {
            var indices = lineage.OrderBy(s => s.Round).Select(s => ops.ToList().IndexOf(s.Operation!)).ToList();
            Assert.Equal(ops.Count, indices.Distinct().Count());
            Assert.All(indices.Skip(1).Zip(indices), p => Assert.Equal((p.Second + 1) % ops.Count, p.First));
        }
    }

    [Fact]
    public async Task ExpandAsync_Rotation_DoesNotDependOnTheRunSeed()
    {
        // Arrange
        var options = new EvolInstructOptions { Rounds = 3, Selection = EvolSelection.Rotation };

        // Act
        var a = await Operations(options, 1);
        var b = await Operations(options, 2);

        // Assert
        Assert.Equal(a, b);
    }

    private static async Task<List<string>> Operations(EvolInstructOptions options, long runSeed)
    {
        var run = await StepHarness.RunAsync(EvolFakes.Step(options), EvolFakes.Seeds(Instructions), runSeed);
        return [.. run.Outputs.Where(s => s.Round > 0).Select(s => $"{s.RootId}/{s.Round}/{s.Operation}")];
    }
}
