using DataForge.Core.Seams;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Training;
using TorchSharp;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>The gradients and optimizer state LESS reads from a LoRA-trained decoder.</summary>
[Collection(TorchTests.Name)]
public sealed class DecoderTrainerTests
{
    private static readonly LoraOptions Lora = new() { Rank = 4, Alpha = 8, Targets = ["q_proj", "v_proj"], Seed = 3 };

    private static readonly TrainingExample Example = new("the quick brown ", "fox jumps over the lazy dog");

    // (parameter, offset in the flattened gradient) of every trainable parameter, in gradient order.
    private static List<(TorchSharp.Modules.Parameter Parameter, long Offset)> Layout(TorchLanguageModel model)
    {
        var byName = model.Decoder.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var layout = new List<(TorchSharp.Modules.Parameter, long)>();
        long offset = 0;
        foreach (var name in model.TrainableParameters)
        {
            layout.Add((byName[name], offset));
            offset += byName[name].numel();
        }

        return layout;
    }

    private static void Nudge(TorchSharp.Modules.Parameter parameter, long index, double delta)
    {
        using var noGrad = torch.no_grad();
        var flat = parameter.view(-1);
        flat[index] = flat[index].item<float>() + (float)delta;
    }

    [Fact]
    public void Gradients_LoraParameters_MatchCentralDifferences()
    {
        // Arrange: one step first, so lora_B is no longer zero and lora_A has a gradient too.
        using var model = TorchLanguageModel.Load(Goldens.Folder("llama-random"));
        model.StartTraining(new TrainingOptions { Plan = new TrainingPlan { LearningRate = 1e-2, TotalSteps = 4, WarmupSteps = 1 } }, Lora);
        model.TrainStep([new TrainingExample("over the ", "lazy dog")]);
        var gradient = model.Gradients([Example])[0];

        // Act / Assert: the largest entry of each parameter, plus one fixed entry of each.
        foreach (var (parameter, offset) in Layout(model))
        {
            var count = parameter.numel();
            var largest = Enumerable.Range(0, (int)count).MaxBy(i => Math.Abs(gradient[offset + i]));
            foreach (var index in new long[] { largest, count / 3 })
            {
                const double h = 1e-2;
                Nudge(parameter, index, h);
                var up = model.Losses([Example])[0];
                Nudge(parameter, index, -2 * h);
                var down = model.Losses([Example])[0];
                Nudge(parameter, index, h);
                var numeric = (up - down) / (2 * h);

                // The model computes in float32: a loss near 5.7 carries about 1e-6 of rounding, which the
                // difference turns into about 1e-6 / (2h) = 5e-5; the O(h²) truncation is far smaller.
                var analytic = gradient[offset + index];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-4 + (1e-2 * Math.Abs(analytic)), $"entry {offset + index}: backward {analytic:E4}, central difference {numeric:E4}");
            }
        }
    }

    [Fact]
    public void AdamMoments_AfterTwoSteps_MatchTheMomentsOfTheGradients()
    {
        // Arrange: no clipping, so AdamW sees the raw gradients.
        using var model = TorchLanguageModel.Load(Goldens.Folder("llama-random"));
        var options = new TrainingOptions { Plan = new TrainingPlan { LearningRate = 1e-2, TotalSteps = 10, WarmupSteps = 2, ClipNorm = 0 } };
        model.StartTraining(options, Lora);
        TrainingExample second = new("over the ", "lazy dog");
        var before = model.AdamMoments();

        // Act: each step's gradient taken just before the step, under the same weights.
        var g1 = model.Gradients([Example])[0];
        model.TrainStep([Example]);
        var g2 = model.Gradients([second])[0];
        model.TrainStep([second]);
        var moments = model.AdamMoments();

        // Assert: m = β1(1−β1)g1 + (1−β1)g2, v = β2(1−β2)g1² + (1−β2)g2².
        Assert.Equal((0, 0), (before.Steps, before.LearningRates.Count));
        Assert.All(before.ExpAvg, x => Assert.Equal(0f, x));
        Assert.Equal(2, moments.Steps);
        Assert.Equal([options.LearningRateAt(0), options.LearningRateAt(1)], moments.LearningRates);
        Assert.Equal(g1.Length, moments.ExpAvg.Length);
        Assert.Equal(g1.Length, moments.ExpAvgSq.Length);
        Assert.Contains(g1, x => x != 0);
        for (var i = 0; i < g1.Length; i++)
        {
            var m = (0.9 * 0.1 * g1[i]) + (0.1 * g2[i]);
            var v = (0.999 * 0.001 * g1[i] * g1[i]) + (0.001 * g2[i] * g2[i]);
            Assert.True(Math.Abs(moments.ExpAvg[i] - m) <= 1e-6 + (1e-4 * Math.Abs(m)), $"exp_avg[{i}]: {moments.ExpAvg[i]:E6} vs {m:E6}");
            Assert.True(Math.Abs(moments.ExpAvgSq[i] - v) <= 1e-12 + (1e-4 * v), $"exp_avg_sq[{i}]: {moments.ExpAvgSq[i]:E6} vs {v:E6}");
        }
    }

    [Fact]
    public void LoadTrainableWeights_IntoAFreshCopy_GivesTheTrainedModelsGradientsAndLosses()
    {
        // Arrange: two LoRA steps on one copy; a second copy made with the same plan, still untrained.
        using var source = TorchLanguageModel.Load(Goldens.Folder("llama-random"));
        var plan = new TrainingPlan { LearningRate = 1e-2, TotalSteps = 4, WarmupSteps = 1, Lora = new LoraPlan(4, 8, ["q_proj", "v_proj"], 3) };
        using var trained = source.CreateTrainable(plan);
        trained.TrainStep([Example]);
        trained.TrainStep([new TrainingExample("over the ", "lazy dog")]);
        using var restored = source.CreateTrainable(plan);
        var untrained = restored.Gradients([Example])[0];

        // Act
        var weights = trained.TrainableWeights();
        restored.LoadTrainableWeights(weights);

        // Assert: the same adapters, the same gradients and losses, bit for bit; a wrong length is refused.
        Assert.Equal(weights, restored.TrainableWeights());
        Assert.NotEqual(untrained, trained.Gradients([Example])[0]);
        Assert.Equal(trained.Gradients([Example])[0], restored.Gradients([Example])[0]);
        Assert.Equal(trained.Losses([Example]), restored.Losses([Example]));
        Assert.Throws<ArgumentException>(() => restored.LoadTrainableWeights(weights[1..]));
    }
}
