using DataForge.Generation.Ensemble;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleInstructOptionsTests
{
    [Fact]
    public void Templates_FolderReplacesOnlyTheFilesItHolds()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("ensemble-templates").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "instructions.txt"), "Write more tasks:\n");

            // Act
            var templates = EnsembleInstructTemplates.Load(folder);

            // Assert
            Assert.Equal("Write more tasks:\n", templates.Instructions.Content);
            Assert.NotEqual(EnsembleInstructTemplates.BuiltIn.Instructions.PromptId, templates.Instructions.PromptId);
            Assert.Same(EnsembleInstructTemplates.BuiltIn.WithInput, templates.WithInput);
            Assert.Throws<ArgumentException>(() => EnsembleInstructTemplates.Load(Directory.CreateTempSubdirectory("empty-templates").FullName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("instructions")]
    [InlineData("top_p")]
    [InlineData("types")]
    public void Constructor_OptionOutOfRange_ThrowsNamingTheKey(string key)
    {
        // Arrange
        var options = key switch
        {
            "instructions" => new EnsembleInstructOptions { Instructions = 0 },
            "top_p" => new EnsembleInstructOptions { TopP = 0 },
            _ => new EnsembleInstructOptions { Types = [EnsembleCategorizer.WithInputName, EnsembleCategorizer.WithInputName] },
        };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new EnsembleInstructGenerator(new FakeLanguageModel("gen@1"), options));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_DeriveTypesAndPromptLimit()
    {
        // Act
        var options = new EnsembleInstructOptions { Instructions = 5 };

        // Assert
        Assert.Equal(50, options.PromptLimit());
        Assert.Equal([EnsembleTaskType.WithInput, EnsembleTaskType.OutputOnly], options.TaskTypes());
        Assert.Equal(7, (options with { MaxPrompts = 7 }).PromptLimit());
    }
}
