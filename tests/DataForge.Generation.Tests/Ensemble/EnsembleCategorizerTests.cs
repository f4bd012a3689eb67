using DataForge.Core.Records;
using DataForge.Generation.Ensemble;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleCategorizerTests
{
    [Fact]
    public void Split_MixedSeeds_KeepsOrderWithinEachType()
    {
        // Arrange
        Sample[] seeds =
        [
            new() { Id = "a", Instruction = "Classify the sentiment.", Input = "I love it." },
            new() { Id = "b", Instruction = "Name three colours.", Input = "" },
            new() { Id = "c", Instruction = "Tell a joke.", Input = "  \n" },
            new() { Id = "d", Instruction = "Translate to French.", Input = "Good morning" },
            new() { Id = "e", Instruction = "Write a haiku." },
        ];

        // Act
        var split = EnsembleCategorizer.Split(seeds);

        // Assert
        Assert.Equal(["a", "d"], split.WithInput.Select(s => s.Id));
        Assert.Equal(["b", "c", "e"], split.Of(EnsembleTaskType.OutputOnly).Select(s => s.Id));
    }

    [Theory]
    [InlineData(EnsembleTaskType.WithInput, "with_input")]
    [InlineData(EnsembleTaskType.OutputOnly, "output_only")]
    public void NameOf_Type_RoundTripsThroughParse(EnsembleTaskType type, string name)
    {
        // Arrange / Act
        var written = EnsembleCategorizer.NameOf(type);

        // Assert
        Assert.Equal(name, written);
        Assert.Equal(type, EnsembleCategorizer.Parse(written));
        Assert.Null(EnsembleCategorizer.Parse("other"));
    }
}
