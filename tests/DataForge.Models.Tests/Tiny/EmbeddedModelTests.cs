using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Tests.Torch;
using DataForge.Models.Torch;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Tiny;

/// <summary>The committed models/tiny loads through the same code as any checkpoint and works.</summary>
[Collection(TorchTests.Name)]
public sealed class EmbeddedModelTests
{
    private static readonly string Folder = RepoPaths.Combine("models", "tiny");

    [Fact]
    public async Task Load_CommittedTinyModel_GeneratesAndScores()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Folder);
        GenerationRequest request = new([new ChatMessage("user", "Write a function that reverses a string.")], null, 24, 0.7, 0.95, 40, [], 7);

        // Act
        var generated = await model.GenerateAsync([request, request], CancellationToken.None);
        var scored = await model.ScoreAsync([new ScoreRequest("Write a function that ", "reverses a string.")], CancellationToken.None);

        // Assert
        Assert.StartsWith("tiny@", model.Identity);
        Assert.Equal(generated[0], generated[1]);
        Assert.True(generated[0].CompletionTokens > 0);
        Assert.Equal("reverses a string.", string.Concat(scored[0].Tokens.Select(t => t.Text)));
        Assert.True(scored[0].MeanLoss is > 0 and < 8, $"mean loss {scored[0].MeanLoss}");
    }

    [Fact]
    public void Load_SiblingModels_AreGenuinelyDifferentModels()
    {
        // Arrange: the ensemble needs models with different weights, never one model registered twice.
        var siblings = Directory.GetDirectories(RepoPaths.Combine("models"), "tiny*").Where(d => File.Exists(Path.Combine(d, "config.json"))).Order(StringComparer.Ordinal).ToList();

        // Act
        var loaded = siblings.Select(folder => TorchLanguageModel.Load(folder)).ToList();
        try
        {
            // Assert
            Assert.True(loaded.Count >= 2, $"embedded models: {string.Join(", ", siblings)}");
            Assert.Equal(loaded.Count, loaded.Select(m => m.Identity[(m.Identity.IndexOf('@') + 1)..]).Distinct().Count());
            Assert.Equal(loaded.Count, loaded.Select(m => m.Decoder.Config.ParameterCount).Distinct().Count());
        }
        finally
        {
            loaded.ForEach(m => m.Dispose());
        }
    }

    [Fact]
    public void TrainingRecord_ShowsValidationLossWellBelowUntrained()
    {
        // Arrange
        using var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "training.json")));

        // Act
        var trained = record.RootElement.GetProperty("validation_loss").GetDouble();
        var untrained = record.RootElement.GetProperty("untrained_validation_loss").GetDouble();

        // Assert
        Assert.True(trained < untrained - 2.0, $"validation loss {trained} vs untrained {untrained}");
    }
}
