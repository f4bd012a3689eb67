using DataForge.Core.Seams;
using DataForge.Models.LlamaCpp;
using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.Torch;
using DataForge.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DataForge.LlamaCpp.Tests;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("qwen2-random")]
    [InlineData("llama-random")]
    [InlineData("tiny")]
    public async Task Smoke(string name)
    {
        using var temp = new TempFolder();
        var folder = name == "tiny" ? Checkpoints.Tiny : Checkpoints.Committed(name);
        var conversion = GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("m.gguf"));
        output.WriteLine($"{conversion}");
        using var llama = LlamaCppLanguageModel.Load(conversion.Path);
        using var torch = TorchLanguageModel.Load(folder);
        var request = new ScoreRequest("the quick brown ", "fox jumps over the lazy dog");
        var a = (await llama.ScoreAsync([request], default))[0];
        var b = (await torch.ScoreAsync([request], default))[0];
        output.WriteLine(string.Join(" ", a.Tokens.Select(t => t.LogProb.ToString("F5"))));
        output.WriteLine(string.Join(" ", b.Tokens.Select(t => t.LogProb.ToString("F5"))));
        var g = new GenerationRequest(null, "the quick brown", 32, 0, 1, 0, [], 1);
        output.WriteLine((await llama.GenerateAsync([g], default))[0].ToString());
        output.WriteLine((await torch.GenerateAsync([g], default))[0].ToString());
        Assert.Equal(a.Tokens.Count, b.Tokens.Count);
    }
}
