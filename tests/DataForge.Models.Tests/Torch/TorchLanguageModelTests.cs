using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Training;
using Xunit;

namespace DataForge.Models.Tests.Torch;

[Collection(TorchTests.Name)]
public sealed class TorchLanguageModelTests
{
    private static GenerationRequest Chat(string text, ulong seed, double temperature = 1.0)
        => new([new ChatMessage("user", text)], null, 12, temperature, 1.0, 0, [], seed);

    [Fact]
    public async Task GenerateAsync_SameSeed_SameText()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Goldens.Folder("qwen2-random"));
        GenerationRequest[] requests = [Chat("the quick brown fox", 1), Chat("jumps over", 2), Chat("the lazy dog", 3)];

        // Act
        var first = await model.GenerateAsync(requests, CancellationToken.None);
        var second = await model.GenerateAsync(requests, CancellationToken.None);

        // Assert
        Assert.Equal(first, second);
        Assert.All(first, r => Assert.True(r.CompletionTokens > 0 && r.PromptTokens > 5));
        Assert.StartsWith("qwen2-random@", model.Identity);
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", model.PromptText(new GenerationRequest([new ChatMessage("user", "hi")], null, 1, 0, 1, 0, [], 0)));
    }

    [Fact]
    public async Task ScoreAsync_TokensCoverTheContinuationAndEmptyContextLeavesTheFirstUnscored()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Goldens.Folder("qwen2-random"));
        const string continuation = "the quick brown fox";

        // Act
        var results = await model.ScoreAsync([new ScoreRequest("jumps over ", continuation), new ScoreRequest("", continuation)], CancellationToken.None);

        // Assert
        var withContext = results[0];
        Assert.Equal("", withContext.UnscoredPrefix);
        Assert.Equal(continuation, string.Concat(withContext.Tokens.Select(t => t.Text)));
        Assert.Equal(0, withContext.Tokens[0].Offset);
        Assert.All(withContext.Tokens, t => Assert.True(t.LogProb < 0));
        var alone = results[1];
        Assert.Equal(continuation, alone.UnscoredPrefix + string.Concat(alone.Tokens.Select(t => t.Text)));
        Assert.Equal(withContext.Tokens.Count - 1, alone.Tokens.Count);
        Assert.Equal(alone.UnscoredPrefix.Length, alone.Tokens[0].Offset);
    }

    [Fact]
    public void TrainStep_RepeatedExample_LowersItsLoss()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Goldens.Folder("llama-random"));
        TrainingExample[] examples = [new("the quick brown ", "fox jumps over the lazy dog")];
        var before = model.Losses(examples)[0];
        model.StartTraining(new TrainingOptions { Plan = new TrainingPlan { LearningRate = 1e-2, TotalSteps = 10, WarmupSteps = 1 } });

        // Act
        for (var i = 0; i < 10; i++)
        {
            model.TrainStep(examples);
        }

        // Assert
        var after = model.Losses(examples)[0];
        Assert.True(after < before * 0.7, $"loss {before:F3} → {after:F3}");
    }

    [Fact]
    public void Lora_TrainsOnlyAdaptersAndSavesMergedWeightsThatReloadToTheSameLoss()
    {
        // Arrange
        var folder = Path.Combine(Path.GetTempPath(), "dataforge-lora-" + Guid.NewGuid().ToString("N"));
        using var model = TorchLanguageModel.Load(Goldens.Folder("llama-random"));
        TrainingExample[] examples = [new("the quick brown ", "fox jumps"), new("over the ", "lazy dog")];
        model.StartTraining(new TrainingOptions { Plan = new TrainingPlan { LearningRate = 5e-3, TotalSteps = 5, WarmupSteps = 1 } }, new LoraOptions { Rank = 4, Alpha = 8, Targets = ["q_proj", "v_proj"], Seed = 3 });
        var baseWeight = model.Decoder.Logits([1, 2, 3])[2];

        try
        {
            // Act
            for (var i = 0; i < 5; i++)
            {
                model.TrainStep(examples);
            }

            var gradients = model.Gradients(examples);
            var trained = model.Losses(examples);
            model.Save(folder);
            using var reloaded = TorchLanguageModel.Load(folder);

            // Assert
            Assert.All(model.TrainableParameters, p => Assert.Contains(".lora_", p));
            Assert.Equal(2 * 2 * 2, model.TrainableParameters.Count); // 2 layers × (q, v) × (A, B)
            Assert.All(gradients, g => Assert.Equal(2 * 2 * ((4 * 64) + (96 * 4)), g.Length));
            Assert.NotEqual(gradients[0], gradients[1]);
            Assert.NotEqual(baseWeight, model.Decoder.Logits([1, 2, 3])[2]);
            Assert.Equal(trained, reloaded.Losses(examples), (a, b) => Math.Abs(a - b) < 1e-4);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
